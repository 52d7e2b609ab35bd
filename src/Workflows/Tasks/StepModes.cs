namespace Approvals.Workflows.Tasks;

/// <summary>How several assignees of one step decide.</summary>
public static class StepModes
{
    /// <summary>或签: the first approval or rejection decides.</summary>
    public const string Any = "Any";
    /// <summary>会签: everyone must approve; one rejection rejects.</summary>
    public const string All = "All";
    /// <summary>A count or percentage must approve; decided as soon as the result can no longer change.</summary>
    public const string Quorum = "Quorum";
    /// <summary>依次: one after another in the given order; one rejection rejects.</summary>
    public const string Sequential = "Sequential";

    public static readonly string[] Names = [Any, All, Quorum, Sequential];
}
