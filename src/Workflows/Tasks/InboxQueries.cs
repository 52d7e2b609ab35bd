using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// The inbox's read side. "My to-do" is the union of tasks assigned or delegated to me and the open
/// pool tasks of my section; each part is served by its own index (see the model), so the first page
/// stays fast with millions of task rows.
/// </summary>
internal sealed class InboxQueries(ApprovalsDb db, IOrganization org, TimeProvider clock)
{
    private static readonly TimeZoneInfo Office = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public async Task<Page<TaskItem>> TodoAsync(Actor actor, InboxFilter f, CancellationToken ct)
    {
        var section = (await org.FindUserAsync(actor.Id, ct))?.SectionId;
        await using var ctx = db.Create();
        var q = Todo(ctx, actor.Id, section);
        var (now, endOfToday) = Today();
        if (f.DefinitionId is { Length: > 0 } d) q = q.Where(t => t.DefinitionId == d);
        if (f.Overdue) q = q.Where(t => t.DueAt != null && t.DueAt < now);
        if (f.DueToday) q = q.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt <= endOfToday);
        return await PageAsync(ctx, q, f, ct);
    }

    public async Task<Page<TaskItem>> DoneAsync(Actor actor, InboxFilter f, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var q = ctx.Tasks.AsNoTracking().Where(t => t.CompletedBy == actor.Id && t.Status == HumanTaskStatus.Completed);
        if (f.DefinitionId is { Length: > 0 } d) q = q.Where(t => t.DefinitionId == d);
        var (size, index) = Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(t => t.CompletedAt).Skip((index - 1) * size).Take(size).ToListAsync(ct);
        return new Page<TaskItem>(total, index, size, items.Select(t => Item(t, clock)).ToList());
    }

    public async Task<Page<CcItem>> CarbonCopiesAsync(Actor actor, bool unreadOnly, int page, int pageSize, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var q = ctx.CarbonCopies.AsNoTracking().Where(c => c.UserId == actor.Id);
        if (unreadOnly) q = q.Where(c => c.ReadAt == null);
        var (size, index) = Paging(page, pageSize);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(c => c.CreatedAt).Skip((index - 1) * size).Take(size)
            .Select(c => new CcItem(c.Id, c.InstanceId, c.Title, c.FromUserId, c.Comment, c.CreatedAt, c.ReadAt)).ToListAsync(ct);
        return new Page<CcItem>(total, index, size, items);
    }

    public async Task<Page<RequestItem>> MyRequestsAsync(Actor actor, InstanceStatus? status, int page, int pageSize, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var q = ctx.Instances.AsNoTracking().Where(i => i.Initiator == actor.Id);
        if (status is not null) q = q.Where(i => i.Status == status);
        var (size, index) = Paging(page, pageSize);
        var total = await q.CountAsync(ct);
        var instances = await q.OrderByDescending(i => i.CreatedAt).Skip((index - 1) * size).Take(size).ToListAsync(ct);
        var items = new List<RequestItem>();
        foreach (var i in instances) items.Add(await RequestAsync(i, ct));
        return new Page<RequestItem>(total, index, size, items);
    }

    public async Task<InboxCounts> CountsAsync(Actor actor, CancellationToken ct)
    {
        var section = (await org.FindUserAsync(actor.Id, ct))?.SectionId;
        var (now, endOfToday) = Today();
        await using var ctx = db.Create();
        var todo = Todo(ctx, actor.Id, section);
        return new InboxCounts(
            await todo.CountAsync(ct),
            await todo.CountAsync(t => t.DueAt != null && t.DueAt < now, ct),
            await todo.CountAsync(t => t.DueAt != null && t.DueAt >= now && t.DueAt <= endOfToday, ct),
            await ctx.CarbonCopies.CountAsync(c => c.UserId == actor.Id && c.ReadAt == null, ct),
            await ctx.Instances.CountAsync(i => i.Initiator == actor.Id && (i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Faulted), ct),
            await ctx.Notifications.CountAsync(n => n.UserId == actor.Id && n.ReadAt == null, ct));
    }

    /// <summary>A request with its current steps and who holds them.</summary>
    public async Task<RequestItem> RequestAsync(WorkflowInstance i, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var open = await ctx.Tasks.AsNoTracking().Where(t => t.InstanceId == i.Id && t.Status == HumanTaskStatus.Open).ToListAsync(ct);
        var steps = open.GroupBy(t => t.ActivityId).Select(g => new CurrentStep(g.Key, g.First().Title,
            g.Select(t => t.DelegatedTo ?? t.AssigneeId ?? $"pool:{t.PoolSectionId}").Distinct().ToList(), g.Min(t => t.DueAt))).ToList();
        return new RequestItem(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Result, i.CreatedAt, i.FinishedAt, steps);
    }

    /// <summary>Open tasks I can act on: mine (not delegated away), delegated to me, or in my section's pool unclaimed.</summary>
    private static IQueryable<HumanTask> Todo(ApprovalsDbContext ctx, string me, string? section)
    {
        var tasks = ctx.Tasks.AsNoTracking();
        var mine = tasks.Where(t => t.AssigneeId == me && t.Status == HumanTaskStatus.Open && t.DelegatedTo == null);
        var delegated = tasks.Where(t => t.DelegatedTo == me && t.Status == HumanTaskStatus.Open);
        if (section is null) return mine.Concat(delegated);
        var pool = tasks.Where(t => t.PoolSectionId == section && t.Status == HumanTaskStatus.Open && t.AssigneeId == null);
        return mine.Concat(delegated).Concat(pool);
    }

    private async Task<Page<TaskItem>> PageAsync(ApprovalsDbContext ctx, IQueryable<HumanTask> q, InboxFilter f, CancellationToken ct)
    {
        var (size, index) = Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        // The page is cut on ids alone, which the to-do indexes cover (Id, DueAt, CreatedAt), and only its rows are
        // read: sorting whole rows would read every open task of a busy chief or a big pool from the table.
        var ids = Sorted(q, f.Sort).Skip((index - 1) * size).Take(size).Select(t => t.Id);
        var items = await Sorted(ctx.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)), f.Sort).ToListAsync(ct);
        return new Page<TaskItem>(total, index, size, items.Select(t => Item(t, clock)).ToList());
    }

    /// <summary>The list order; the id last, so that pages do not overlap when dates tie.</summary>
    private static IQueryable<HumanTask> Sorted(IQueryable<HumanTask> q, string? sort) => sort switch
    {
        "created" => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        "-created" => q.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
        // Tasks without a deadline go last.
        _ => q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id),
    };

    public static TaskItem Item(HumanTask t, TimeProvider clock) => new(
        t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Initiator, t.AssigneeId, t.PoolSectionId, t.OnBehalfOf, t.DelegatedTo,
        t.Status, t.CreatedAt, t.DueAt, t.CompletedAt, t.Outcome, t.Comment,
        t.Status is HumanTaskStatus.Open && t.DueAt is { } due && due < clock.GetUtcNow().UtcDateTime);

    private (DateTime Now, DateTime EndOfToday) Today()
    {
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Office);
        var end = new DateTimeOffset(local.Date.AddDays(1).AddTicks(-1), local.Offset);
        return (now.UtcDateTime, end.UtcDateTime);
    }

    private static (int Size, int Index) Paging(int page, int pageSize) => (Math.Clamp(pageSize, 1, 100), Math.Max(page, 1));
}
