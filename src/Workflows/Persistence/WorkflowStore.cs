using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Persistence;

/// <summary>An instance with the rows that hang off it.</summary>
internal sealed record LoadedInstance(
    WorkflowInstance Instance, List<Bookmark> Bookmarks, List<WorkflowTimer> Timers, List<Incident> Incidents, List<JournalEntry> Journal);

/// <summary>Reads instance state for a burst and commits what the burst changed, atomically.</summary>
internal sealed class WorkflowStore(ApprovalsDb db)
{
    public async Task<LoadedInstance?> LoadAsync(string instanceId, CancellationToken ct, bool withJournal = false)
    {
        await using var ctx = db.Create();
        var instance = await ctx.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null) return null;
        var bookmarks = await ctx.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        var timers = await ctx.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.DueAt).ToListAsync(ct);
        var incidents = await ctx.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).OrderBy(i => i.At).ToListAsync(ct);
        var journal = withJournal
            ? await ctx.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(ct)
            : [];
        return new LoadedInstance(instance, bookmarks, timers, incidents, journal);
    }

    /// <summary>
    /// Writes the instance and every change of the burst in one transaction. The instance update
    /// requires the revision the burst read, and removing a bookmark or firing a timer requires the
    /// row to still exist; otherwise <see cref="DbUpdateConcurrencyException"/> and nothing is written.
    /// </summary>
    public async Task CommitAsync(WorkflowInstance instance, BurstChanges changes, CancellationToken ct)
    {
        await using var ctx = db.Create();
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        if (changes.IsNewInstance)
        {
            instance.Revision = 1;
            ctx.Instances.Add(instance);
        }
        else
        {
            var entry = ctx.Instances.Attach(instance);
            entry.State = EntityState.Modified;
            entry.Property(i => i.Revision).OriginalValue = changes.ExpectedRevision;
            entry.Property(i => i.Revision).CurrentValue = changes.ExpectedRevision + 1;
        }
        foreach (var timerId in changes.FiredTimerIds)
            if (await ctx.Timers.Where(t => t.Id == timerId).ExecuteDeleteAsync(ct) == 0)
                throw new DbUpdateConcurrencyException($"Timer {timerId} was already fired by another host.");
        if (changes.RemovedBookmarks.Count > 0)
        {
            var ids = changes.RemovedBookmarks.Select(b => b.Id).ToList();
            await ctx.Timers.Where(t => ids.Contains(t.BookmarkId)).ExecuteDeleteAsync(ct);
            // Tasks hang on bookmarks: a bookmark that goes (End, cancel, WaitAny) takes its open tasks with it.
            var closedAt = instance.UpdatedAt;
            var reason = instance.Result ?? "Cancelled";
            await ctx.Tasks.Where(t => ids.Contains(t.BookmarkId) && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Waiting))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, HumanTaskStatus.Cancelled)
                    .SetProperty(t => t.Outcome, reason).SetProperty(t => t.CompletedAt, closedAt), ct);
            if (await ctx.Bookmarks.Where(b => ids.Contains(b.Id)).ExecuteDeleteAsync(ct) != ids.Count)
                throw new DbUpdateConcurrencyException("A bookmark was already consumed by another request.");
        }
        ctx.Bookmarks.AddRange(changes.AddedBookmarks);
        ctx.Timers.AddRange(changes.AddedTimers);
        ctx.Journal.AddRange(changes.Journal);
        ctx.Incidents.AddRange(changes.Incidents);
        ctx.Incidents.UpdateRange(changes.ResolvedIncidents);
        foreach (var entity in changes.Staged) ctx.Add(entity);
        foreach (var entity in changes.StagedUpdates) ctx.Update(entity);
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (!changes.IsNewInstance) instance.Revision = changes.ExpectedRevision + 1;
    }
}
