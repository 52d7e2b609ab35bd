using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Definitions;

/// <summary>The stored definitions. Drafts are version 0 (one per definition); published versions count from 1.</summary>
public sealed class WorkflowDefinitions(ApprovalsDb db, WorkflowValidator validator, TimeProvider clock) : IWorkflowDefinitions
{
    /// <summary>The version number drafts are stored under.</summary>
    public const int DraftVersion = 0;

    /// <summary>How long another host's publish may go unseen by this one's new starts.</summary>
    public static readonly TimeSpan LatestVersionCacheTime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _published = new();
    private readonly ConcurrentDictionary<string, (int? Version, DateTimeOffset At)> _latest = new();

    public async Task<int?> LatestVersionAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_latest.TryGetValue(id, out var cached) && now - cached.At < LatestVersionCacheTime && now >= cached.At) return cached.Version;
        await using var ctx = db.Create();
        var version = await ctx.DefinitionVersions.Where(v => v.DefinitionId == id && v.IsPublished).MaxAsync(v => (int?)v.Version, ct);
        _latest[id] = (version, now);
        return version;
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var rows = await ctx.DefinitionVersions.AsNoTracking()
            .Select(v => new { v.DefinitionId, v.Version, v.IsPublished, v.NameZh, v.NameEn, v.Category, v.PublishedAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.DefinitionId).Select(g =>
        {
            var latest = g.Where(r => r.IsPublished).MaxBy(r => r.Version);
            var shown = latest ?? g.First();
            return new DefinitionSummary(g.Key, new(shown.NameZh, shown.NameEn), shown.Category, latest?.Version, latest?.PublishedAt,
                g.Any(r => !r.IsPublished));
        }).OrderBy(s => s.Category).ThenBy(s => s.Id).ToList();
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> VersionsAsync(string id, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var rows = await ctx.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id).ToListAsync(ct);
        return rows.OrderBy(v => v.IsPublished).ThenByDescending(v => v.Version).Select(Info).ToList();
    }

    public async Task<StoredDefinition?> GetAsync(string id, int? version = null, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var q = ctx.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id);
        var row = version is null
            ? await q.Where(v => v.IsPublished).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct)
            : await q.FirstOrDefaultAsync(v => v.Version == version, ct);
        return row is null ? null : new StoredDefinition(Info(row), WorkflowJson.Parse(row.Json), row.Json);
    }

    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition) => validator.Validate(definition);

    public async Task<DraftSaved> SaveDraftAsync(WorkflowDefinition definition, string? user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(definition.Id))
            throw ApprovalException.Invalid("missing-id", "流程定义缺少标识 (id)", "the definition has no id");
        var json = WorkflowJson.Serialize(definition);
        await using var ctx = db.Create();
        var draft = await ctx.DefinitionVersions.FirstOrDefaultAsync(v => v.DefinitionId == definition.Id && v.Version == DraftVersion, ct);
        if (draft is null) ctx.DefinitionVersions.Add(draft = new DefinitionVersion { DefinitionId = definition.Id, Version = DraftVersion });
        Fill(draft, definition, json, Hash(json));
        draft.SavedAt = clock.GetUtcNow().UtcDateTime;
        draft.SavedBy = user;
        await ctx.SaveChangesAsync(ct);
        return new DraftSaved(new StoredDefinition(Info(draft), definition, json), validator.Validate(definition));
    }

    public async Task<DraftSaved> SaveDraftIfAsync(WorkflowDefinition definition, string? user, string? expectedRevision, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(definition.Id))
            throw ApprovalException.Invalid("missing-id", "流程定义缺少标识 (id)", "the definition has no id");
        var json = WorkflowJson.Serialize(definition);
        var hash = Hash(json);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var ctx = db.Create();
        var draft = new DefinitionVersion { DefinitionId = definition.Id, Version = DraftVersion, SavedAt = now, SavedBy = user };
        Fill(draft, definition, json, hash);
        if (string.IsNullOrEmpty(expectedRevision))
        {
            // No draft was there when the caller loaded: a draft stored since then is someone else's work.
            if (await ctx.DefinitionVersions.AnyAsync(v => v.DefinitionId == definition.Id && v.Version == DraftVersion, ct)) throw DraftChanged(definition.Id);
            ctx.DefinitionVersions.Add(draft);
            try { await ctx.SaveChangesAsync(ct); }
            catch (DbUpdateException) { throw DraftChanged(definition.Id); } // another host inserted it in between
        }
        else
        {
            // One conditional UPDATE, so two hosts saving at once cannot both pass the check.
            var updated = await ctx.DefinitionVersions
                .Where(v => v.DefinitionId == definition.Id && v.Version == DraftVersion && v.ContentHash == expectedRevision)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Json, json).SetProperty(v => v.ContentHash, hash)
                    .SetProperty(v => v.NameZh, draft.NameZh).SetProperty(v => v.NameEn, draft.NameEn).SetProperty(v => v.Category, draft.Category)
                    .SetProperty(v => v.SavedAt, now).SetProperty(v => v.SavedBy, user), ct);
            if (updated == 0) throw DraftChanged(definition.Id);
        }
        return new DraftSaved(new StoredDefinition(Info(draft), definition, json), validator.Validate(definition));
    }

    private static ApprovalException DraftChanged(string id) => ApprovalException.Conflict("draft-changed",
        $"流程“{id}”的草稿已被他人修改或删除，未保存；请重新加载或确认覆盖", $"the draft of workflow '{id}' was changed or deleted by someone else; nothing was saved: reload it or overwrite knowingly");

    public Task<DraftSaved> ImportAsync(string json, string? user, CancellationToken ct = default)
    {
        WorkflowDefinition definition;
        try { definition = WorkflowJson.Parse(json); }
        catch (WorkflowFormatException e) { throw new ApprovalException(ErrorKind.Invalid, "invalid-json", e.Text); }
        return SaveDraftAsync(definition, user, ct);
    }

    public async Task<StoredDefinition> PublishAsync(string id, string? user, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var draft = await ctx.DefinitionVersions.FirstOrDefaultAsync(v => v.DefinitionId == id && v.Version == DraftVersion, ct)
                    ?? throw ApprovalException.NotFound("no-draft", $"流程“{id}”没有可发布的草稿", $"workflow '{id}' has no draft to publish");
        var definition = WorkflowJson.Parse(draft.Json);
        var latest = await ctx.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id && v.IsPublished)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (latest is not null && SameContent(definition, latest.Json))
            throw ApprovalException.Conflict("no-change", "没有改动，无需发布", $"the draft is the same as version {latest.Version}: nothing to publish");
        var published = await PublishNewVersionAsync(ctx, definition, draft.ContentHash, user, ct);
        ctx.DefinitionVersions.Remove(draft);
        await ctx.SaveChangesAsync(ct);
        _latest.TryRemove(id, out _);
        return published;
    }

    /// <summary>
    /// Publishes a definition read from a file unless the latest published version came from the same
    /// content. Returns the new version, or null when unchanged; throws with the problems when invalid.
    /// </summary>
    public async Task<StoredDefinition?> PublishFileAsync(string fileText, string? fileName, CancellationToken ct = default)
    {
        var hash = Hash(fileText);
        WorkflowDefinition definition;
        try { definition = WorkflowJson.Parse(fileText, fileName); }
        catch (WorkflowFormatException e) { throw new ApprovalException(ErrorKind.Invalid, "invalid-json", e.Text); }
        await using var ctx = db.Create();
        // Content that was published once (and maybe superseded in the designer since) is not published again.
        if (await ctx.DefinitionVersions.AnyAsync(v => v.DefinitionId == definition.Id && v.IsPublished && v.ContentHash == hash, ct)) return null;
        var published = await PublishNewVersionAsync(ctx, definition, hash, "system", ct);
        await ctx.SaveChangesAsync(ct);
        _latest.TryRemove(definition.Id, out _);
        return published;
    }

    public async Task DeleteDraftAsync(string id, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        if (await ctx.DefinitionVersions.Where(v => v.DefinitionId == id && v.Version == DraftVersion).ExecuteDeleteAsync(ct) == 0)
            throw ApprovalException.NotFound("no-draft", $"流程“{id}”没有草稿", $"workflow '{id}' has no draft");
    }

    public async Task<WorkflowDefinition> GetPublishedAsync(string id, int version, CancellationToken ct = default)
    {
        if (_published.TryGetValue((id, version), out var cached)) return cached;
        var stored = await GetAsync(id, version, ct);
        if (stored is null || !stored.Info.IsPublished)
            throw ApprovalException.NotFound("definition-not-found", $"流程“{id}”的第 {version} 版不存在", $"workflow '{id}' version {version} does not exist");
        return _published.GetOrAdd((id, version), stored.Definition);
    }

    private async Task<StoredDefinition> PublishNewVersionAsync(ApprovalsDbContext ctx, WorkflowDefinition definition, string hash, string? user, CancellationToken ct)
    {
        var problems = validator.Validate(definition);
        if (problems.Count > 0)
            throw new ApprovalException(ErrorKind.Invalid, "definition-invalid",
                new($"流程“{definition.Id}”有 {problems.Count} 个问题，不能发布", $"workflow '{definition.Id}' has {problems.Count} problem(s) and cannot be published"))
            { Problems = problems };
        var max = await ctx.DefinitionVersions.Where(v => v.DefinitionId == definition.Id).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        // A file that says version 3 in an empty database keeps its number, so export gives back the same bytes.
        var version = Math.Max(max + 1, definition.Version);
        definition.Version = version;
        var json = WorkflowJson.Serialize(definition);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new DefinitionVersion
        {
            DefinitionId = definition.Id, Version = version, IsPublished = true, SavedAt = now, SavedBy = user, PublishedAt = now, PublishedBy = user,
        };
        Fill(row, definition, json, hash);
        ctx.DefinitionVersions.Add(row);
        return new StoredDefinition(Info(row), definition, json);
    }

    /// <summary>True when the draft equals a published version apart from its version number.</summary>
    private static bool SameContent(WorkflowDefinition draft, string publishedJson)
    {
        var copy = WorkflowJson.Clone(draft);
        var published = WorkflowJson.Parse(publishedJson);
        copy.Version = published.Version;
        return WorkflowJson.Serialize(copy) == WorkflowJson.Serialize(published);
    }

    private static void Fill(DefinitionVersion row, WorkflowDefinition d, string json, string hash)
    {
        row.Json = json;
        row.ContentHash = hash;
        row.NameZh = d.Name.ZhCN;
        row.NameEn = d.Name.En;
        row.Category = d.Category;
    }

    private static DefinitionVersionInfo Info(DefinitionVersion v) => new(v.Version, v.IsPublished, v.SavedAt, v.SavedBy, v.PublishedAt, v.PublishedBy,
        v.IsPublished ? null : v.ContentHash);

    /// <summary>SHA-256 of the text, hex.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
