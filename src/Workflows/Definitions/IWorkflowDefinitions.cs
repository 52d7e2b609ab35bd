namespace Approvals.Workflows.Definitions;

/// <summary>
/// Drafts, validation, publishing and import/export of workflow definitions. Each publish creates a
/// new immutable version; instances stay on the version they started on.
/// </summary>
public interface IWorkflowDefinitions
{
    /// <summary>Every definition with its latest published version and whether a draft exists.</summary>
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct = default);

    /// <summary>The versions of one definition, newest first (the draft, if any, first of all).</summary>
    Task<IReadOnlyList<DefinitionVersionInfo>> VersionsAsync(string id, CancellationToken ct = default);

    /// <summary>A published version (the latest when <paramref name="version"/> is null), or the draft when it is 0.</summary>
    Task<StoredDefinition?> GetAsync(string id, int? version = null, CancellationToken ct = default);

    /// <summary>The rules publishing applies, run without saving.</summary>
    IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition);

    /// <summary>Saves the draft of <paramref name="definition"/>'s id even when it is not valid yet; returns the problems found.</summary>
    Task<DraftSaved> SaveDraftAsync(WorkflowDefinition definition, string? user, CancellationToken ct = default);

    /// <summary>
    /// Saves the draft only if it is still the one the caller loaded: <paramref name="expectedRevision"/> is the
    /// loaded draft's <see cref="DefinitionVersionInfo.Revision"/>, or null when there was no draft. Otherwise
    /// throws a conflict (<c>draft-changed</c>) and stores nothing.
    /// </summary>
    Task<DraftSaved> SaveDraftIfAsync(WorkflowDefinition definition, string? user, string? expectedRevision, CancellationToken ct = default);

    /// <summary>Parses definition JSON (throws <see cref="ApprovalException"/> for bad JSON) and saves it as the draft.</summary>
    Task<DraftSaved> ImportAsync(string json, string? user, CancellationToken ct = default);

    /// <summary>Publishes the draft as the next version; throws <see cref="ApprovalException"/> with the problems when invalid, and a conflict (<c>no-change</c>) when it equals the latest version.</summary>
    Task<StoredDefinition> PublishAsync(string id, string? user, CancellationToken ct = default);

    /// <summary>Deletes the draft (published versions are never deleted).</summary>
    Task DeleteDraftAsync(string id, CancellationToken ct = default);

    /// <summary>The number of the latest published version, or null when none is published.</summary>
    Task<int?> LatestVersionAsync(string id, CancellationToken ct = default);

    /// <summary>The published definition the runtime executes (cached; versions are immutable).</summary>
    Task<WorkflowDefinition> GetPublishedAsync(string id, int version, CancellationToken ct = default);
}

/// <summary>A definition in a list.</summary>
public sealed record DefinitionSummary(
    string Id, LocalizedText Name, string Category, int? LatestVersion, DateTime? PublishedAt, bool HasDraft);

/// <summary>One stored version (0 is the draft).</summary>
/// <remarks><see cref="Revision"/> (drafts only) changes with every save; a save presents it so it cannot overwrite a newer draft unseen.</remarks>
public sealed record DefinitionVersionInfo(int Version, bool IsPublished, DateTime SavedAt, string? SavedBy, DateTime? PublishedAt, string? PublishedBy, string? Revision = null);

/// <summary>A stored version with its definition and canonical JSON.</summary>
public sealed record StoredDefinition(DefinitionVersionInfo Info, WorkflowDefinition Definition, string Json);

/// <summary>The result of saving a draft: what was stored and what would stop a publish.</summary>
public sealed record DraftSaved(StoredDefinition Draft, IReadOnlyList<ValidationProblem> Problems);
