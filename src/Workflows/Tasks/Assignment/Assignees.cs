namespace Approvals.Workflows.Tasks.Assignment;

/// <summary>What a strategy found: people, or a section pool whose members may claim the task.</summary>
public sealed record Assignees(IReadOnlyList<string> Users, string? PoolSectionId = null)
{
    public static readonly Assignees Nobody = new([]);
    public bool IsEmpty => Users.Count == 0 && PoolSectionId is null;
}
