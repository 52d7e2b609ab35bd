using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Activities.Assets;

/// <summary>
/// 资产台账: the office's assets (<c>assets</c>) and their moves between sections (<c>asset_moves</c>).
/// Search and read for everyone; a CSV import (upsert, all or nothing) for admins; the demo register at first start.
/// A row held by a transfer case whose case has ended without releasing it (withdrawn or cancelled: no activity
/// runs then) is shown and treated as InUse.
/// </summary>
public sealed class AssetRegister(ApprovalsDb db, IOrganization org, TimeProvider clock)
{
    // Imports in this process run one at a time (they read, compare and write the same rows).
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>One page of the assets matching <paramref name="query"/>, in code order.</summary>
    public async Task<AssetPage> ListAsync(AssetQuery query, CancellationToken ct = default)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, AssetQuery.MaxPageSize);
        await using var ctx = db.Create();
        var rows = Entries(ctx);
        if (!string.IsNullOrWhiteSpace(query.Section)) rows = rows.Where(a => a.SectionId == query.Section);
        if (!string.IsNullOrWhiteSpace(query.Category)) rows = rows.Where(a => a.Category == query.Category);
        if (!string.IsNullOrWhiteSpace(query.Status)) rows = rows.Where(a => a.Status == query.Status);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // lower() on both sides: case-insensitive on SQLite and PostgreSQL alike (Chinese is unaffected).
            var text = query.Text.Trim().ToLowerInvariant();
            rows = rows.Where(a => a.Code.ToLower().Contains(text) || a.Name.ToLower().Contains(text)
                                   || (a.Location != null && a.Location.ToLower().Contains(text)));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(a => a.Code).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new AssetPage(items, total, page, size);
    }

    /// <summary>An asset with its moves (oldest first), or null when the register has no such code.</summary>
    public async Task<AssetDetails?> GetAsync(string code, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var entry = await Entries(ctx).FirstOrDefaultAsync(a => a.Code == code, ct);
        if (entry is null) return null;
        var moves = await ctx.AssetMoves.AsNoTracking().Where(m => m.AssetCode == code).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        return new AssetDetails(entry, moves);
    }

    /// <summary>The distinct categories in the register, for filters.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        return await ctx.Assets.Select(a => a.Category).Distinct().OrderBy(c => c).ToListAsync(ct);
    }

    /// <summary>
    /// The stored row of an asset (not tracked: change it and stage it in a burst) and the case that really
    /// holds it now (null when the asset is free or its holding case has ended).
    /// </summary>
    internal async Task<(Asset Row, string? LiveHolder)?> LoadAsync(string code, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var row = await ctx.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (row is null) return null;
        var holder = row.Status == AssetStatuses.InTransfer && row.TransferInstanceId is { } id
                     && await ctx.Instances.AnyAsync(i => i.Id == id && i.Status != InstanceStatus.Finished && i.Status != InstanceStatus.Cancelled, ct)
            ? id : null;
        return (row, holder);
    }

    /// <summary>
    /// Adds and updates assets from CSV (header <c>code,name,category,section,location,value,status</c>; see
    /// <see cref="AssetCsv"/>). Rows are matched by code; assets not in the file stay as they are. An empty status
    /// keeps the stored one (new assets are InUse); an empty value keeps the stored one (new: 0). A changed
    /// section is recorded as a move without a case (a register correction by <paramref name="importedBy"/>).
    /// Sections are ids or Chinese names from the organisation. Every problem is reported with its line, and when
    /// there is any, nothing is saved (<see cref="ApprovalException"/> <c>assets-invalid</c>).
    /// </summary>
    public async Task<AssetImportResult> ImportCsvAsync(string csv, string? importedBy, CancellationToken ct = default)
    {
        var (rows, readProblems) = AssetCsv.Read(csv);
        var sections = await org.SectionsAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            await using var ctx = db.Create();
            // Begun before reading: on SQLite this takes the write lock up front, so nothing changes between check and write.
            await using var tx = await ctx.Database.BeginTransactionAsync(ct);
            var stored = await ctx.Assets.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
            var heldCodes = stored.Values.Where(a => a.Status == AssetStatuses.InTransfer).Select(a => a.Code).ToList();
            var held = (await Entries(ctx).Where(e => heldCodes.Contains(e.Code) && e.TransferInstanceId != null)
                .Select(e => new { e.Code, e.TransferInstanceId }).ToListAsync(ct)).ToDictionary(e => e.Code, e => e.TransferInstanceId!, StringComparer.Ordinal);

            var problems = readProblems.ToList();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var plan = new List<(AssetCsvRow Row, string SectionId)>();
            foreach (var row in rows)
            {
                var before = problems.Count;
                if (!seen.TryAdd(row.Code, row.Line))
                    problems.Add(AssetCsv.Problem("duplicate-code", row.Line, $"资产编号“{row.Code}”与第 {seen[row.Code]} 行重复", $"the asset code '{row.Code}' repeats line {seen[row.Code]}"));
                var section = sections.FirstOrDefault(s => s.Id == row.Section) ?? sections.FirstOrDefault(s => s.NameZh == row.Section);
                if (section is null)
                    problems.Add(AssetCsv.Problem("unknown-section", row.Line, $"科室“{row.Section}”不在组织架构中（可填科室编号或中文名称）",
                        $"the section '{row.Section}' is not in the organisation (give its id or Chinese name)"));
                if (section is not null && stored.TryGetValue(row.Code, out var current) && held.TryGetValue(row.Code, out var caseId)
                    && (current.SectionId != section.Id || row.Status is not null && row.Status != AssetStatuses.InTransfer))
                    problems.Add(AssetCsv.Problem("asset-in-transfer", row.Line, $"资产“{row.Code}”正在调换中（流程 {caseId}），不能通过导入修改其科室或状态",
                        $"the asset '{row.Code}' is held by the transfer case {caseId}; its section and status cannot be changed by an import"));
                if (problems.Count == before) plan.Add((row, section!.Id));
            }
            if (problems.Count > 0)
                throw new ApprovalException(ErrorKind.Invalid, "assets-invalid", new(
                    $"资产台账数据有 {problems.Count} 处问题，未导入任何内容", $"the asset data has {problems.Count} problem(s); nothing was imported"))
                { Problems = problems };

            var now = clock.GetUtcNow();
            int added = 0, updated = 0, unchanged = 0, moved = 0;
            foreach (var (row, sectionId) in plan)
            {
                if (!stored.TryGetValue(row.Code, out var asset))
                {
                    asset = new Asset
                    {
                        Code = row.Code, Name = row.Name, Category = row.Category, SectionId = sectionId, Location = row.Location,
                        Value = row.Value ?? 0, Status = row.Status ?? AssetStatuses.InUse,
                    };
                    AssetVersion.Touch(asset, now);
                    ctx.Assets.Add(asset);
                    added++;
                    continue;
                }
                // A hold whose case has ended is cleared by any import that mentions the asset.
                var staleHold = asset.Status == AssetStatuses.InTransfer && !held.ContainsKey(asset.Code);
                var status = row.Status ?? (staleHold ? AssetStatuses.InUse : asset.Status);
                var fromSection = asset.SectionId;
                var changed = asset.Name != row.Name || asset.Category != row.Category || asset.SectionId != sectionId || asset.Location != row.Location
                              || row.Value is { } v && asset.Value != v || asset.Status != status;
                if (!changed) { unchanged++; continue; }
                asset.Name = row.Name;
                asset.Category = row.Category;
                asset.SectionId = sectionId;
                asset.Location = row.Location;
                if (row.Value is { } value) asset.Value = value;
                asset.Status = status;
                if (status != AssetStatuses.InTransfer) asset.TransferInstanceId = null;
                AssetVersion.Touch(asset, now);
                updated++;
                if (fromSection != sectionId)
                {
                    ctx.AssetMoves.Add(new AssetMove { AssetCode = asset.Code, FromSectionId = fromSection, ToSectionId = sectionId, ApprovedBy = importedBy, At = now.UtcDateTime });
                    moved++;
                }
            }
            await ctx.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new AssetImportResult(added, updated, unchanged, moved);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Imports <paramref name="file"/> (the CSV format) when the register is empty; null when it was not.</summary>
    public async Task<AssetImportResult?> SeedIfEmptyAsync(string file, CancellationToken ct = default)
    {
        await using (var ctx = db.Create())
            if (await ctx.Assets.AnyAsync(ct)) return null;
        return await ImportCsvAsync(await File.ReadAllTextAsync(file, ct), null, ct);
    }

    /// <summary>The register with effective statuses (a hold by a case that has ended counts as InUse).</summary>
    private static IQueryable<AssetEntry> Entries(ApprovalsDbContext ctx) =>
        from a in ctx.Assets.AsNoTracking()
        let live = a.Status == AssetStatuses.InTransfer
                   && ctx.Instances.Any(i => i.Id == a.TransferInstanceId && i.Status != InstanceStatus.Finished && i.Status != InstanceStatus.Cancelled)
        select new AssetEntry
        {
            Code = a.Code, Name = a.Name, Category = a.Category, SectionId = a.SectionId, Location = a.Location, Value = a.Value,
            Status = a.Status == AssetStatuses.InTransfer && !live ? AssetStatuses.InUse : a.Status,
            TransferInstanceId = live ? a.TransferInstanceId : null,
            UpdatedAt = a.UpdatedAt,
        };
}
