namespace Approvals.Workflows.Organization;

/// <summary>A section (科室) with its chief and the deputy director responsible for it (分管).</summary>
public sealed class Section
{
    public string Id { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string? ChiefId { get; set; }
    /// <summary>The deputy director in charge of this section (分管副主任).</summary>
    public string? DeputyDirectorId { get; set; }
    public int Order { get; set; }
}
