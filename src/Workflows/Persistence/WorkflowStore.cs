using System.Data.Common;
using System.Text;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Persistence;

/// <summary>An instance with the rows that hang off it.</summary>
internal sealed record LoadedInstance(
    WorkflowInstance Instance, List<Bookmark> Bookmarks, List<WorkflowTimer> Timers, List<Incident> Incidents, List<JournalEntry> Journal);

/// <summary>
/// The engine's hot path in plain SQL (the same text for SQLite and PostgreSQL): one round trip to
/// load an instance with its bookmarks, timers and open incidents, and burst commits through the
/// <see cref="CommitQueue"/> (one writer on SQLite, concurrent transactions on PostgreSQL). EF is used only for domain rows that activities stage (tasks, history…).
/// </summary>
internal sealed class WorkflowStore(ApprovalsDb db) : IDisposable
{
    private readonly CommitQueue _queue = new(db);

    public void Dispose() => _queue.Dispose();

    private const string InstanceColumns = "\"Id\", \"DefinitionId\", \"DefinitionVersion\", \"Status\", \"Initiator\", \"Result\", \"CreatedAt\", \"UpdatedAt\", \"FinishedAt\", \"StateJson\", \"Revision\"";
    private const string BookmarkColumns = "\"Id\", \"InstanceId\", \"ActivityId\", \"Name\", \"CorrelationKey\", \"PayloadJson\", \"CreatedAt\"";
    private const string TimerColumns = "\"Id\", \"InstanceId\", \"BookmarkId\", \"Name\", \"DueAt\", \"LeaseUntil\", \"LeaseOwner\", \"Attempts\"";
    private const string IncidentColumns = "\"Id\", \"InstanceId\", \"ActivityId\", \"Message\", \"Details\", \"At\", \"ResolvedAt\", \"ResolvedBy\"";

    /// <summary>The instance with its bookmarks, timers and unresolved incidents; the journal only when asked (it is long).</summary>
    public async Task<LoadedInstance?> LoadAsync(string instanceId, CancellationToken ct, bool withJournal = false)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = connection.Command(
            $"SELECT {InstanceColumns} FROM instances WHERE \"Id\" = @id;" +
            $"SELECT {BookmarkColumns} FROM bookmarks WHERE \"InstanceId\" = @id ORDER BY \"CreatedAt\";" +
            $"SELECT {TimerColumns} FROM timers WHERE \"InstanceId\" = @id ORDER BY \"DueAt\";" +
            $"SELECT {IncidentColumns} FROM incidents WHERE \"InstanceId\" = @id ORDER BY \"At\";").With("@id", instanceId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var instance = new WorkflowInstance
        {
            Id = r.GetString(0), DefinitionId = r.GetString(1), DefinitionVersion = r.GetInt32(2), Status = Enum.Parse<InstanceStatus>(r.GetString(3)),
            Initiator = r.NullableString(4), Result = r.NullableString(5), CreatedAt = r.Utc(6), UpdatedAt = r.Utc(7), FinishedAt = r.NullableUtc(8),
            StateJson = r.GetString(9), Revision = r.GetInt64(10),
        };
        await r.NextResultAsync(ct);
        var bookmarks = new List<Bookmark>();
        while (await r.ReadAsync(ct))
            bookmarks.Add(new Bookmark
            {
                Id = r.GetString(0), InstanceId = r.GetString(1), ActivityId = r.GetString(2), Name = r.GetString(3),
                CorrelationKey = r.NullableString(4), PayloadJson = r.NullableString(5), CreatedAt = r.Utc(6),
            });
        await r.NextResultAsync(ct);
        var timers = new List<WorkflowTimer>();
        while (await r.ReadAsync(ct))
            timers.Add(new WorkflowTimer
            {
                Id = r.GetString(0), InstanceId = r.GetString(1), BookmarkId = r.GetString(2), Name = r.GetString(3), DueAt = r.Utc(4),
                LeaseUntil = r.NullableUtc(5), LeaseOwner = r.NullableString(6), Attempts = r.GetInt32(7),
            });
        await r.NextResultAsync(ct);
        var incidents = new List<Incident>();
        while (await r.ReadAsync(ct))
            incidents.Add(new Incident
            {
                Id = r.GetString(0), InstanceId = r.GetString(1), ActivityId = r.GetString(2), Message = r.GetString(3), Details = r.NullableString(4),
                At = r.Utc(5), ResolvedAt = r.NullableUtc(6), ResolvedBy = r.NullableString(7),
            });
        await r.DisposeAsync();
        var journal = new List<JournalEntry>();
        if (withJournal)
        {
            await using var ctx = db.Create();
            journal = await ctx.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(ct);
        }
        return new LoadedInstance(instance, bookmarks, timers, incidents, journal);
    }

    /// <summary>(bookmark id, instance id) of the bookmarks waiting for a name and correlation key, oldest first.</summary>
    public async Task<List<(string BookmarkId, string InstanceId)>> FindBookmarksAsync(string name, string? correlationKey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = connection.Command(correlationKey is null
            ? "SELECT \"Id\", \"InstanceId\" FROM bookmarks WHERE \"Name\" = @name AND \"CorrelationKey\" IS NULL ORDER BY \"CreatedAt\""
            : "SELECT \"Id\", \"InstanceId\" FROM bookmarks WHERE \"Name\" = @name AND \"CorrelationKey\" = @key ORDER BY \"CreatedAt\"")
            .With("@name", name).With("@key", correlationKey);
        var found = new List<(string, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found.Add((r.GetString(0), r.GetString(1)));
        return found;
    }

    /// <summary>The instance a bookmark (or a timer) belongs to, or null when it is gone.</summary>
    public async Task<string?> InstanceOfAsync(string table, string id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = connection.Command($"SELECT \"InstanceId\" FROM {(table == "timers" ? "timers" : "bookmarks")} WHERE \"Id\" = @id").With("@id", id);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// Writes the instance and every change of the burst atomically. The instance update requires the
    /// revision the burst read, and removing a bookmark or firing a timer requires the row to still
    /// exist; otherwise <see cref="DbUpdateConcurrencyException"/> and nothing of this burst is written. A row
    /// held by another transaction longer than the lock timeout: <see cref="StorageBusy"/>, nothing written.
    /// </summary>
    public async Task CommitAsync(WorkflowInstance instance, BurstChanges changes, CancellationToken ct)
    {
        try
        {
            await _queue.CommitAsync(new PendingCommit(instance, changes), ct);
        }
        catch (Exception e) when (StorageBusy.Is(e))
        {
            throw StorageBusy.Error(e);
        }
    }

    /// <summary>Applies one burst inside the caller's transaction; throws <see cref="DbUpdateConcurrencyException"/> on a lost race.</summary>
    internal static async Task ApplyAsync(ApprovalsDb db, DbConnection c, DbTransaction tx, PendingCommit commit, CancellationToken ct)
    {
        var (instance, changes) = (commit.Instance, commit.Changes);
        if (changes.IsNewInstance)
        {
            await Exec(c.Command($"INSERT INTO instances ({InstanceColumns}) VALUES (@id, @def, @ver, @status, @init, @result, @created, @updated, @finished, @state, 1)", tx)
                .With("@def", instance.DefinitionId).With("@ver", instance.DefinitionVersion).With("@created", instance.CreatedAt)
                .With("@init", instance.Initiator), instance, ct);
        }
        else if (await Exec(c.Command("UPDATE instances SET \"Status\" = @status, \"Result\" = @result, \"UpdatedAt\" = @updated, \"FinishedAt\" = @finished, " +
                     "\"StateJson\" = @state, \"Revision\" = @rev + 1 WHERE \"Id\" = @id AND \"Revision\" = @rev", tx).With("@rev", changes.ExpectedRevision), instance, ct) != 1)
            throw new DbUpdateConcurrencyException("The instance was changed by another burst.");

        if (changes.ResetTimerAttempts)
            await c.Command("UPDATE timers SET \"Attempts\" = 0, \"LeaseUntil\" = NULL WHERE \"InstanceId\" = @id", tx).With("@id", instance.Id).ExecuteNonQueryAsync(ct);
        foreach (var bookmarkId in changes.ClearedTimerBookmarks)
            await c.Command("DELETE FROM timers WHERE \"BookmarkId\" = @b", tx).With("@b", bookmarkId).ExecuteNonQueryAsync(ct);
        foreach (var timerId in changes.FiredTimerIds)
            if (await c.Command("DELETE FROM timers WHERE \"Id\" = @id", tx).With("@id", timerId).ExecuteNonQueryAsync(ct) != 1)
                throw new DbUpdateConcurrencyException($"Timer {timerId} was already fired by another host.");
        if (changes.RemovedBookmarks.Count > 0)
        {
            var ids = changes.RemovedBookmarks.Select(b => b.Id).ToList();
            var (list, closing) = InList(c, tx, ids);
            await using (closing)
            {
                // Tasks hang on bookmarks: a bookmark that goes (End, cancel, WaitAny) takes its timers and open tasks with it.
                closing.CommandText = $"DELETE FROM timers WHERE \"BookmarkId\" IN ({list}); " +
                    $"UPDATE tasks SET \"Status\" = 'Cancelled', \"Outcome\" = @reason, \"CompletedAt\" = @at WHERE \"BookmarkId\" IN ({list}) AND \"Status\" IN ('Open', 'Waiting')";
                await closing.With("@reason", instance.Result ?? "Cancelled").With("@at", instance.UpdatedAt).ExecuteNonQueryAsync(ct);
            }
            var (list2, delete) = InList(c, tx, ids);
            await using (delete)
            {
                delete.CommandText = $"DELETE FROM bookmarks WHERE \"Id\" IN ({list2})";
                if (await delete.ExecuteNonQueryAsync(ct) != ids.Count)
                    throw new DbUpdateConcurrencyException("A bookmark was already consumed by another request.");
            }
        }
        await InsertRowsAsync(c, tx, "bookmarks", BookmarkColumns, changes.AddedBookmarks, b => [b.Id, b.InstanceId, b.ActivityId, b.Name, b.CorrelationKey, b.PayloadJson, b.CreatedAt], ct);
        await InsertRowsAsync(c, tx, "timers", TimerColumns, changes.AddedTimers, t => [t.Id, t.InstanceId, t.BookmarkId, t.Name, t.DueAt, t.LeaseUntil, t.LeaseOwner, t.Attempts], ct);
        await InsertRowsAsync(c, tx, "journal", "\"InstanceId\", \"At\", \"Kind\", \"ActivityId\", \"ActivityType\", \"Outcome\", \"UserId\", \"Message\"", changes.Journal,
            j => [j.InstanceId, j.At, j.Kind.ToString(), j.ActivityId, j.ActivityType, j.Outcome, j.UserId, j.Message], ct);
        await InsertRowsAsync(c, tx, "incidents", IncidentColumns, changes.Incidents, i => [i.Id, i.InstanceId, i.ActivityId, i.Message, i.Details, i.At, i.ResolvedAt, i.ResolvedBy], ct);
        foreach (var i in changes.ResolvedIncidents)
            await c.Command("UPDATE incidents SET \"ResolvedAt\" = @at, \"ResolvedBy\" = @by WHERE \"Id\" = @id", tx)
                .With("@at", i.ResolvedAt).With("@by", i.ResolvedBy).With("@id", i.Id).ExecuteNonQueryAsync(ct);

        // The two rows nearly every burst of a human step adds go in as plain SQL; EF's unit of work costs a
        // millisecond a burst even for one row, so it is kept for the rest (tasks, office rows).
        var notifications = changes.Staged.OfType<Notifications.Notification>().ToList();
        var history = changes.Staged.OfType<Tasks.CaseHistory>().ToList();
        await InsertRowsAsync(c, tx, "notifications",
            "\"Id\", \"UserId\", \"Kind\", \"Title\", \"Body\", \"InstanceId\", \"TaskId\", \"CreatedAt\", \"ReadAt\", \"DeliveredAt\", \"DeliveryAttempts\", \"NextAttemptAt\", \"LastError\"",
            notifications, n => [n.Id, n.UserId, n.Kind.ToString(), n.Title, n.Body, n.InstanceId, n.TaskId, n.CreatedAt, n.ReadAt, n.DeliveredAt, n.DeliveryAttempts, n.NextAttemptAt, n.LastError], ct);
        await InsertRowsAsync(c, tx, "case_history",
            "\"InstanceId\", \"TaskId\", \"ActivityId\", \"At\", \"ActorId\", \"Action\", \"Comment\", \"FromUserId\", \"ToUserId\", \"OnBehalfOf\"",
            history, h => [h.InstanceId, h.TaskId, h.ActivityId, h.At, h.ActorId, h.Action, h.Comment, h.FromUserId, h.ToUserId, h.OnBehalfOf], ct);
        var others = changes.Staged.Where(e => e is not Notifications.Notification and not Tasks.CaseHistory).ToList();
        if (others.Count + changes.StagedUpdates.Count > 0)
        {
            await using var ctx = db.CreateOn(c);
            await ctx.Database.UseTransactionAsync(tx, ct);
            foreach (var entity in others) ctx.Add(entity);
            foreach (var entity in changes.StagedUpdates)
            {
                var entry = ctx.Update(entity);
                if (changes.AsRead.TryGetValue(entity, out var asRead)) entry.OriginalValues.SetValues(asRead);
            }
            await ctx.SaveChangesAsync(ct);
        }
    }

    private static async Task<int> Exec(DbCommand cmd, WorkflowInstance i, CancellationToken ct)
    {
        await using (cmd)
        {
            cmd.With("@id", i.Id).With("@status", i.Status).With("@result", i.Result).With("@updated", i.UpdatedAt)
               .With("@finished", i.FinishedAt).With("@state", i.StateJson);
            return await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task InsertRowsAsync<T>(DbConnection c, DbTransaction tx, string table, string columns, List<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var cmd = c.Command("", tx);
        var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
        for (var n = 0; n < rows.Count; n++)
        {
            var row = values(rows[n]);
            sql.Append(n == 0 ? "(" : ", (");
            for (var k = 0; k < row.Length; k++)
            {
                var name = $"@p{n}_{k}";
                sql.Append(k == 0 ? name : ", " + name);
                cmd.With(name, row[k]);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static (string List, DbCommand Command) InList(DbConnection c, DbTransaction tx, IEnumerable<string> ids)
    {
        var cmd = c.Command("", tx);
        var names = new List<string>();
        foreach (var id in ids)
        {
            var name = $"@b{names.Count}";
            names.Add(name);
            cmd.With(name, id);
        }
        return (string.Join(", ", names), cmd);
    }
}
