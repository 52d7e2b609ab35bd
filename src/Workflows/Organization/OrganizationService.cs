using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Organization;

/// <summary>
/// <see cref="IOrganization"/> over the database, answered from an immutable in-memory snapshot of the whole
/// organisation (it is small: up to some ten thousand people). The snapshot is loaded on first use and again
/// after <see cref="Invalidate"/>, which every write through this module calls; it also expires after
/// <see cref="MaxAge"/> so that a write made by another host is seen. Also keeps the out-of-office periods.
/// Thread-safe; returned entities are copies.
/// </summary>
public sealed class OrganizationService(ApprovalsDb db, TimeProvider clock) : IOrganization
{
    /// <summary>How long a snapshot is trusted without a local write (other hosts may write to a shared database).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private OrgSnapshot? _snapshot;
    private long _version;

    /// <summary>Drops the snapshot; the next question reloads it. Call after writing organisation tables directly.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<OrgUser?> FindUserAsync(string userId, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).UserById.TryGetValue(userId, out var u) ? OrgSnapshot.Copy(u) : null;

    public async Task<IReadOnlyList<OrgUser>> UsersAsync(CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).Users.Select(OrgSnapshot.Copy).ToList();

    public async Task<IReadOnlyList<Section>> SectionsAsync(CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).Sections.Select(OrgSnapshot.Copy).ToList();

    public async Task<IReadOnlyList<OrgGroup>> GroupsAsync(CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).Groups.Select(OrgSnapshot.Copy).ToList();

    public async Task<string?> ChiefOfAsync(string userId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        if (!s.UserById.TryGetValue(userId, out var user)) return null;
        var section = s.SectionById.GetValueOrDefault(user.SectionId);
        // One level up, skipping levels that are empty, inactive, or the user themself.
        return FirstActive(s, user,
            user.Position < Position.Chief ? section?.ChiefId : null,
            user.Position < Position.DeputyDirector ? section?.DeputyDirectorId : null,
            user.Position < Position.Director ? s.DirectorId : null);
    }

    public async Task<string?> DeputyDirectorOfAsync(string userId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        if (!s.UserById.TryGetValue(userId, out var user)) return null;
        var section = s.SectionById.GetValueOrDefault(user.SectionId);
        return FirstActive(s, user,
            user.Position < Position.DeputyDirector ? section?.DeputyDirectorId : null,
            user.Position < Position.Director ? s.DirectorId : null);
    }

    public async Task<string?> DirectorAsync(CancellationToken ct = default) => (await SnapshotAsync(ct)).DirectorId;

    public async Task<IReadOnlyList<string>> GroupMembersAsync(string groupId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        return s.GroupById.TryGetValue(groupId, out var g)
            ? g.Members.Where(m => s.Active(m.UserId) is not null).Select(m => m.UserId).ToList()
            : [];
    }

    public async Task<IReadOnlyList<string>> SectionMembersAsync(string sectionId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        return s.UsersBySection.TryGetValue(sectionId, out var users) ? users.Where(u => u.Active).Select(u => u.Id).ToList() : [];
    }

    public async Task<IReadOnlyList<string>> HoldersAsync(string sectionId, Position position, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        return s.UsersBySection.TryGetValue(sectionId, out var users)
            ? users.Where(u => u.Active && u.Position == position).Select(u => u.Id).ToList()
            : [];
    }

    /// <summary>
    /// Follows current out-of-office periods from <paramref name="userId"/> to their delegate, that delegate's delegate
    /// and so on, and returns the last active person reached. The walk stops at an inactive or unknown delegate (the
    /// person before them keeps the work) and at a cycle; a chain that comes back to the user gives null (nobody else
    /// is in, so the work stays with the user).
    /// </summary>
    public async Task<string?> DelegateForAsync(string userId, DateTimeOffset at, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var atUtc = at.UtcDateTime;
        var seen = new HashSet<string>(StringComparer.Ordinal) { userId };
        string? result = null;
        for (var current = userId; s.AwayAt(current, atUtc) is { } period; current = period.DelegateId)
        {
            if (period.DelegateId == userId) return null;
            if (!seen.Add(period.DelegateId) || s.Active(period.DelegateId) is null) break;
            result = period.DelegateId;
        }
        return result;
    }

    /// <summary>Out-of-office periods, of one user or of everyone, in order of start.</summary>
    public async Task<IReadOnlyList<OutOfOffice>> OutOfOfficeAsync(string? userId = null, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var rows = userId is null ? s.OutOfOffice : s.OutOfOfficeByUser.GetValueOrDefault(userId) ?? [];
        return rows.Select(OrgSnapshot.Copy).ToList();
    }

    /// <summary>One out-of-office period, or null.</summary>
    public async Task<OutOfOffice?> FindOutOfOfficeAsync(string id, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).OutOfOfficeById.TryGetValue(id, out var o) ? OrgSnapshot.Copy(o) : null;

    /// <summary>
    /// Records that <paramref name="userId"/> is away from <paramref name="from"/> until <paramref name="to"/> and new work
    /// goes to <paramref name="delegateId"/> meanwhile. The period must end after it starts and the delegate must be
    /// another, active member of the organisation.
    /// </summary>
    public async Task<OutOfOffice> SetOutOfOfficeAsync(string userId, DateTimeOffset from, DateTimeOffset to, string delegateId,
        string? reason = null, string? sourceInstanceId = null, CancellationToken ct = default)
    {
        CommentLimit.Check(reason);
        var s = await SnapshotAsync(ct);
        if (!s.UserById.ContainsKey(userId))
            throw ApprovalException.NotFound("user-not-found", $"用户“{userId}”不存在", $"user '{userId}' does not exist");
        if (to <= from)
            throw ApprovalException.Invalid("bad-period", "结束时间必须晚于开始时间", "the end must be after the start");
        if (string.IsNullOrWhiteSpace(delegateId))
            throw ApprovalException.Invalid("missing-delegate", "请指定工作交接人", "a delegate is required");
        if (delegateId == userId)
            throw ApprovalException.Invalid("self-delegate", "工作交接人不能是本人", "the delegate cannot be the person who is away");
        if (!s.UserById.TryGetValue(delegateId, out var deputy))
            throw ApprovalException.Invalid("unknown-delegate", $"工作交接人“{delegateId}”不存在", $"the delegate '{delegateId}' does not exist");
        if (!deputy.Active)
            throw ApprovalException.Invalid("inactive-delegate", $"工作交接人“{deputy.Name}”已停用", $"the delegate '{delegateId}' is not active");

        var row = new OutOfOffice
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, From = from.UtcDateTime, To = to.UtcDateTime, DelegateId = delegateId,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), SourceInstanceId = sourceInstanceId,
        };
        await using (var ctx = db.Create())
        {
            ctx.OutOfOffice.Add(row);
            await ctx.SaveChangesAsync(ct);
        }
        Invalidate();
        return OrgSnapshot.Copy(row);
    }

    /// <summary>Deletes an out-of-office period; 404 when there is none with that id.</summary>
    public async Task RemoveOutOfOfficeAsync(string id, CancellationToken ct = default)
    {
        await using (var ctx = db.Create())
        {
            var deleted = await ctx.OutOfOffice.Where(o => o.Id == id).ExecuteDeleteAsync(ct);
            if (deleted == 0)
                throw ApprovalException.NotFound("out-of-office-not-found", "外出/请假记录不存在", "the out-of-office period does not exist");
        }
        Invalidate();
    }

    private static string? FirstActive(OrgSnapshot s, OrgUser user, params string?[] candidates) =>
        candidates.FirstOrDefault(id => id != user.Id && s.Active(id) is not null);

    private async ValueTask<OrgSnapshot> SnapshotAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (IsFresh(current)) return current!;
        await _loadGate.WaitAsync(ct);
        try
        {
            current = Volatile.Read(ref _snapshot);
            if (IsFresh(current)) return current!;
            // Read the version before the tables: a write that lands during the load bumps it and forces another load.
            var version = Interlocked.Read(ref _version);
            var loadedAt = clock.GetUtcNow();
            await using var ctx = db.Create();
            var users = await ctx.Users.AsNoTracking().ToListAsync(ct);
            var sections = await ctx.Sections.AsNoTracking().ToListAsync(ct);
            var groups = await ctx.Groups.AsNoTracking().Include(g => g.Members).ToListAsync(ct);
            var outOfOffice = await ctx.OutOfOffice.AsNoTracking().ToListAsync(ct);
            var snapshot = new OrgSnapshot(version, loadedAt, users, sections, groups, outOfOffice);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally { _loadGate.Release(); }
    }

    private bool IsFresh(OrgSnapshot? s) =>
        s is not null && s.Version == Interlocked.Read(ref _version) && clock.GetUtcNow() - s.LoadedAt < MaxAge;
}
