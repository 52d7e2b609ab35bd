using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Organization;

/// <summary>
/// Loads the organisation from the JSON file format (<see cref="OrgData"/>) or a users CSV (<see cref="OrgCsv"/>).
/// An import is an upsert in one transaction: rows are added or updated by id, rows not mentioned stay, and a
/// group's members are replaced by the ones given. Everything is validated first; when anything is wrong nothing
/// is saved and an <see cref="ApprovalException"/> (<c>org-invalid</c>) lists every problem with its row or line.
/// </summary>
public sealed class OrgImporter(ApprovalsDb db, OrganizationService organization)
{
    // Imports in this process run one at a time (they read, compare and write the same rows).
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Imports the JSON file format.</summary>
    public Task<OrgImportResult> ImportJsonAsync(string json, CancellationToken ct = default) => ImportAsync(OrgData.Parse(json), ct);

    /// <summary>Imports sections, users and groups.</summary>
    public async Task<OrgImportResult> ImportAsync(OrgData data, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try { return await ImportCoreAsync(data, JsonUserWhere, [], ct); }
        finally { _gate.Release(); }
    }

    /// <summary>Imports users from CSV (header <c>id,name,section,position,title,email,mobile,isAdmin,active</c>); problems name the line.</summary>
    public async Task<OrgImportResult> ImportUsersCsvAsync(string csv, CancellationToken ct = default)
    {
        var (rows, problems) = OrgCsv.Read(csv);
        var data = new OrgData { Users = rows.Select(r => r.User).ToList() };
        await _gate.WaitAsync(ct);
        try { return await ImportCoreAsync(data, (i, _) => OrgCsv.LineText(rows[i].Line), problems, ct); }
        finally { _gate.Release(); }
    }

    /// <summary>Imports <paramref name="file"/> (the JSON format) when there are no users yet; null when there were.</summary>
    public async Task<OrgImportResult?> SeedIfEmptyAsync(string file, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using (var ctx = db.Create())
                if (await ctx.Users.AnyAsync(ct)) return null;
            var data = OrgData.Parse(await File.ReadAllTextAsync(file, ct));
            return await ImportCoreAsync(data, JsonUserWhere, [], ct);
        }
        finally { _gate.Release(); }
    }

    private static LocalizedText JsonUserWhere(int index, string id) => new($"用户第 {index + 1} 条（{id}）", $"user #{index + 1} ('{id}')");

    private async Task<OrgImportResult> ImportCoreAsync(OrgData data, Func<int, string, LocalizedText> userWhere,
        IReadOnlyList<ValidationProblem> readProblems, CancellationToken ct)
    {
        await using var ctx = db.Create();
        // Begun before reading: on SQLite this takes the write lock up front, so nothing changes between check and write.
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var storedSections = await ctx.Sections.ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);
        var storedUsers = await ctx.Users.ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct);

        var plan = OrgValidator.Build(data, userWhere, storedUsers, storedSections);
        var problems = readProblems.Concat(plan.Problems).ToList();
        if (problems.Count > 0)
            throw new ApprovalException(ErrorKind.Invalid, "org-invalid", new(
                $"组织架构数据有 {problems.Count} 处问题，未导入任何内容", $"the organisation data has {problems.Count} problem(s); nothing was imported"))
            { Problems = problems };

        var sections = Upsert(ctx, storedSections, plan.Sections, s => s.Id, (to, from) =>
            Set(to.NameZh, from.NameZh, v => to.NameZh = v) | Set(to.NameEn, from.NameEn, v => to.NameEn = v)
            | Set(to.ChiefId, from.ChiefId, v => to.ChiefId = v) | Set(to.DeputyDirectorId, from.DeputyDirectorId, v => to.DeputyDirectorId = v)
            | Set(to.Order, from.Order, v => to.Order = v));
        var users = Upsert(ctx, storedUsers, plan.Users, u => u.Id, (to, from) =>
            Set(to.Name, from.Name, v => to.Name = v) | Set(to.SectionId, from.SectionId, v => to.SectionId = v)
            | Set(to.Position, from.Position, v => to.Position = v) | Set(to.Title, from.Title, v => to.Title = v)
            | Set(to.Email, from.Email, v => to.Email = v) | Set(to.Mobile, from.Mobile, v => to.Mobile = v)
            | Set(to.IsAdmin, from.IsAdmin, v => to.IsAdmin = v) | Set(to.Active, from.Active, v => to.Active = v));

        var groupIds = plan.Groups.Select(g => g.Id).ToList();
        var storedGroups = await ctx.Groups.Include(g => g.Members).Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, ct);
        var groups = Upsert(ctx, storedGroups, plan.Groups, g => g.Id, (to, from) =>
            Set(to.NameZh, from.NameZh, v => to.NameZh = v) | Set(to.NameEn, from.NameEn, v => to.NameEn = v) | ReplaceMembers(ctx, to, from));

        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        organization.Invalidate();
        return new OrgImportResult(sections, users, groups);
    }

    /// <summary>Adds new rows, copies values into stored ones, and counts what happened.</summary>
    private static ImportCounts Upsert<T>(ApprovalsDbContext ctx, IReadOnlyDictionary<string, T> stored, List<T> incoming,
        Func<T, string> idOf, Func<T, T, bool> copy) where T : class
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var row in incoming)
        {
            if (!stored.TryGetValue(idOf(row), out var existing)) { ctx.Add(row); added++; }
            else if (copy(existing, row)) updated++;
            else unchanged++;
        }
        return new ImportCounts(added, updated, unchanged);
    }

    private static bool ReplaceMembers(ApprovalsDbContext ctx, OrgGroup to, OrgGroup from)
    {
        var changed = false;
        foreach (var gone in to.Members.Where(m => from.Members.All(n => n.UserId != m.UserId)).ToList())
        {
            to.Members.Remove(gone);
            ctx.Remove(gone);
            changed = true;
        }
        foreach (var m in from.Members)
        {
            var existing = to.Members.FirstOrDefault(x => x.UserId == m.UserId);
            if (existing is null) { to.Members.Add(m); changed = true; }
            else changed |= Set(existing.Role, m.Role, v => existing.Role = v);
        }
        return changed;
    }

    private static bool Set<T>(T current, T value, Action<T> assign)
    {
        if (EqualityComparer<T>.Default.Equals(current, value)) return false;
        assign(value);
        return true;
    }
}
