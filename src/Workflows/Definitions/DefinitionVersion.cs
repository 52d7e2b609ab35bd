namespace Approvals.Workflows.Definitions;

/// <summary>A stored version of a definition: a draft being edited, or an immutable published version.</summary>
public sealed class DefinitionVersion
{
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public bool IsPublished { get; set; }
    /// <summary>The definition in the canonical file format.</summary>
    public string Json { get; set; } = "";
    /// <summary>SHA-256 of the file it was loaded from (startup loading compares it), else of <see cref="Json"/>.</summary>
    public string ContentHash { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string Category { get; set; } = "";
    public DateTime SavedAt { get; set; }
    public string? SavedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}
