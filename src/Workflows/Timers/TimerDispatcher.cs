using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Timers;

/// <summary>
/// Fires due timers. A host first takes a short lease on a timer so that two hosts do not both do the
/// work; firing itself is exactly-once because the timer row is deleted in the burst's own transaction.
/// A timer whose time passed while every host was down fires on the next pass. Taking the lease counts an
/// attempt in its own commit, before the burst runs: a timer whose bursts keep failing or killing the host
/// is quarantined after <see cref="WorkflowEngineOptions.MaxTimerAttempts"/> instead of being fired again.
/// </summary>
public sealed class TimerDispatcher(ApprovalsDb db, IWorkflowRuntime runtime, TimeProvider clock, WorkflowEngineOptions options, ILogger<TimerDispatcher> log)
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Fires every timer due now (in batches); returns how many fired.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var fired = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<string> due;
            await using (var ctx = db.Create())
                due = await ctx.Timers.AsNoTracking()
                    .Where(t => t.DueAt <= now && (t.LeaseUntil == null || t.LeaseUntil < now) && t.Attempts <= options.MaxTimerAttempts)
                    .OrderBy(t => t.DueAt).Select(t => t.Id).Take(100).ToListAsync(ct);
            if (due.Count == 0) break;
            var progressed = false;
            foreach (var id in due)
            {
                if (await LeaseAsync(id, now, ct) is not { } attempt) continue;
                progressed = true;
                try
                {
                    if (attempt > options.MaxTimerAttempts) await runtime.QuarantineTimerAsync(id, attempt - 1, ct);
                    else if (await runtime.FireTimerAsync(id, ct)) fired++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The lease expires and the timer is tried again later; the instance is not touched.
                    log.LogError(e, "Timer {TimerId} could not be fired; it will be retried after its lease", id);
                }
            }
            if (!progressed) break;
        }
        return fired;
    }

    /// <summary>Takes the lease and counts the attempt (committed before anything runs); the attempt's number, or null when another host has it.</summary>
    private async Task<int?> LeaseAsync(string id, DateTime now, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var until = now + options.TimerLease;
        var taken = await ctx.Timers.Where(t => t.Id == id && (t.LeaseUntil == null || t.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, until).SetProperty(t => t.LeaseOwner, _owner)
                .SetProperty(t => t.Attempts, t => t.Attempts + 1), ct) == 1;
        if (!taken) return null;
        return await ctx.Timers.AsNoTracking().Where(t => t.Id == id && t.LeaseOwner == _owner).Select(t => (int?)t.Attempts).FirstOrDefaultAsync(ct);
    }
}
