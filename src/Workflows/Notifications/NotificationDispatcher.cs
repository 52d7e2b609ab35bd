using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Notifications;

/// <summary>
/// Delivers staged notifications through the enabled channels. A host claims a row before sending by
/// moving its <see cref="Notification.NextAttemptAt"/> forward, so two hosts do not send the same
/// notification (unless sending outlasts the claim); a host that dies mid-send leaves the row to be
/// picked up again when the claim runs out. A failed attempt is retried with backoff and given up after
/// <see cref="MaxAttempts"/>; the notification stays visible in the app either way.
/// </summary>
public sealed class NotificationDispatcher(ApprovalsDb db, IOrganization org, IEnumerable<INotificationChannel> channels, TimeProvider clock, ILogger<NotificationDispatcher> log)
{
    /// <summary>Attempts before a notification is given up (marked delivered with its last error).</summary>
    public const int MaxAttempts = 5;

    /// <summary>The wait after the 1st, 2nd, … failed attempt.</summary>
    public static IReadOnlyList<TimeSpan> Backoff { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>How long a claimed row is left alone by other hosts; longer than any channel's timeout.</summary>
    public static TimeSpan ClaimLease { get; } = TimeSpan.FromMinutes(2);

    private const int BatchSize = 100;
    private readonly IReadOnlyList<INotificationChannel> _channels = channels.ToList();

    /// <summary>
    /// Delivers every notification due now (in batches of 100). Returns how many were finished with:
    /// sent, or wanted by no channel, or addressed to an unknown user; not those that failed or were given up.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var active = _channels.Where(c => c.IsEnabled).ToList();
        if (active.Count == 0) return await MarkAllDueDeliveredAsync(ct);

        var done = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<Notification> due;
            await using (var ctx = db.Create())
                due = await Due(ctx, now).OrderBy(n => n.NextAttemptAt).Take(BatchSize).AsNoTracking().ToListAsync(ct);
            if (due.Count == 0) break;
            var progressed = false;
            foreach (var n in due)
            {
                if (!await ClaimAsync(n, now, ct)) continue;
                progressed = true;
                if (await DeliverAsync(n, active, ct)) done++;
            }
            // Another host took the whole batch: leave the rest to it rather than spin on the same rows.
            if (!progressed) break;
        }
        return done;
    }

    private static IQueryable<Notification> Due(ApprovalsDbContext ctx, DateTime now) =>
        ctx.Notifications.Where(n => n.DeliveredAt == null && (n.NextAttemptAt == null || n.NextAttemptAt <= now));

    // Nothing leaves the app, so there is nothing to send, claim or retry.
    private async Task<int> MarkAllDueDeliveredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var ctx = db.Create();
        return await Due(ctx, now).ExecuteUpdateAsync(s => s.SetProperty(n => n.DeliveredAt, now), ct);
    }

    /// <summary>Takes the row if no other host changed it since it was read.</summary>
    private async Task<bool> ClaimAsync(Notification n, DateTime now, CancellationToken ct)
    {
        var seen = n.NextAttemptAt;
        var until = now + ClaimLease;
        await using var ctx = db.Create();
        return await ctx.Notifications
            .Where(x => x.Id == n.Id && x.DeliveredAt == null && x.NextAttemptAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, until), ct) == 1;
    }

    /// <summary>Sends through every channel that wants it and records the outcome; true when it is done.</summary>
    private async Task<bool> DeliverAsync(Notification n, IReadOnlyList<INotificationChannel> active, CancellationToken ct)
    {
        var sent = DeliveryNote.Sent(n.LastError);
        var pending = active.Where(c => c.Wants(n) && !sent.Contains(c.Name)).ToList();
        if (pending.Count == 0) return await FinishAsync(n, null, ct);

        OrgUser? recipient;
        try { recipient = await org.FindUserAsync(n.UserId, ct); }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Notification {NotificationId}: recipient {UserId} could not be looked up", n.Id, n.UserId);
            return await FailAsync(n, sent, [("organization", e.Message)], ct);
        }
        if (recipient is null)
        {
            // Retrying will not make the user exist; the row stays for the record.
            log.LogWarning("Notification {NotificationId} is for unknown user {UserId}; not sent", n.Id, n.UserId);
            return await FinishAsync(n, $"recipient {n.UserId} not found", ct);
        }

        var failures = new List<(string Channel, string Error)>();
        var nowSent = new List<string>(sent);
        foreach (var channel in pending)
        {
            try
            {
                await channel.SendAsync(n, recipient, ct);
                nowSent.Add(channel.Name);
            }
            // A timeout is an OperationCanceledException too: only the host stopping ends the pass.
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Notification {NotificationId} could not be sent through {Channel} (attempt {Attempt})",
                    n.Id, channel.Name, n.DeliveryAttempts + 1);
                failures.Add((channel.Name, e.Message));
            }
        }
        return failures.Count == 0 ? await FinishAsync(n, null, ct) : await FailAsync(n, nowSent, failures, ct);
    }

    private async Task<bool> FinishAsync(Notification n, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var ctx = db.Create();
        await ctx.Notifications.Where(x => x.Id == n.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeliveredAt, now).SetProperty(x => x.LastError, note), ct);
        return true;
    }

    private async Task<bool> FailAsync(Notification n, IReadOnlyCollection<string> sent, IEnumerable<(string Channel, string Error)> failures, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = n.DeliveryAttempts + 1;
        var error = DeliveryNote.Format(sent, failures);
        var giveUp = attempts >= MaxAttempts;
        DateTime? deliveredAt = giveUp ? now : null;
        DateTime next = giveUp ? now : now + Backoff[Math.Min(attempts, Backoff.Count) - 1];
        if (giveUp)
            log.LogError("Notification {NotificationId} for {UserId} given up after {Attempts} attempts: {Error}", n.Id, n.UserId, attempts, error);
        await using var ctx = db.Create();
        await ctx.Notifications.Where(x => x.Id == n.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.DeliveryAttempts, attempts)
                .SetProperty(x => x.LastError, error)
                .SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.DeliveredAt, deliveredAt), ct);
        return false;
    }
}
