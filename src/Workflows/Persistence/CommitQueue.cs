using System.Data.Common;
using System.Threading.Channels;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Persistence;

/// <summary>A burst waiting to be written, and the caller waiting for the outcome.</summary>
internal sealed record PendingCommit(WorkflowInstance Instance, BurstChanges Changes)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit: one writer takes every burst that is waiting and writes them in one database
/// transaction, each inside its own savepoint. A burst that lost a race is rolled back to its savepoint
/// alone and its caller gets the conflict; the others commit together. SQLite has one writer at a time
/// anyway, so this turns N small transactions (N lock hand-overs and WAL appends) into one.
/// PostgreSQL has row locks and MVCC: there each burst commits at once in a transaction of its own, so bursts
/// of unrelated cases never wait for each other, and one that waits for a locked row delays only its caller.
/// </summary>
internal sealed class CommitQueue : IDisposable
{
    private const int MaxBatch = 128;
    private readonly ApprovalsDb _db;
    private readonly bool _concurrent;
    private readonly Channel<PendingCommit> _pending = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });

    public CommitQueue(ApprovalsDb db)
    {
        _db = db;
        _concurrent = db.Options.IsPostgres;
        if (!_concurrent) _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stops the writer once what is queued has been written.</summary>
    public void Dispose() => _pending.Writer.TryComplete();

    public async Task CommitAsync(PendingCommit commit, CancellationToken ct)
    {
        if (_concurrent)
        {
            await WriteAloneAsync(commit, ct);
            return;
        }
        await _pending.Writer.WriteAsync(commit, ct);
        await commit.Done.Task;
    }

    /// <summary>One burst in its own transaction (PostgreSQL). A lost race rolls it back and surfaces as a conflict.</summary>
    private async Task WriteAloneAsync(PendingCommit commit, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            // Like a queued burst, one that has begun is written whatever the caller does meanwhile.
            await WorkflowStore.ApplyAsync(_db, connection, tx, commit, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception e) when (IsLostRace(e))
        {
            throw new DbUpdateConcurrencyException("A row the burst wrote was written first by another transaction.", e);
        }
        Committed(commit);
    }

    private static void Committed(PendingCommit commit) =>
        commit.Instance.Revision = commit.Changes.IsNewInstance ? 1 : commit.Changes.ExpectedRevision + 1;

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingCommit>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next)) batch.Add(next);
            try { await WriteAsync(batch); }
            catch (Exception e)
            {
                foreach (var c in batch) c.Done.TrySetException(e);
            }
        }
    }

    private static bool IsUniqueViolation(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            switch (inner)
            {
                case Microsoft.Data.Sqlite.SqliteException s when s.SqliteExtendedErrorCode is 1555 or 2067:
                case Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        return false;
    }

    /// <summary>
    /// Races another transaction lost against this one on PostgreSQL, worth running again on fresh state: the same
    /// key inserted first, or a deadlock between two bursts that touched the same rows in another order.
    /// </summary>
    private static bool IsLostRace(Exception e)
    {
        if (IsUniqueViolation(e)) return true;
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    private async Task WriteAsync(List<PendingCommit> batch)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var outcomes = new List<(PendingCommit Commit, Exception? Error)>(batch.Count);
        for (var n = 0; n < batch.Count; n++)
        {
            var commit = batch[n];
            var savepoint = $"b{n}";
            await tx.SaveAsync(savepoint);
            try
            {
                await WorkflowStore.ApplyAsync(_db, connection, tx, commit, CancellationToken.None);
                await tx.ReleaseAsync(savepoint);
                outcomes.Add((commit, null));
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or DbException or DbUpdateException)
            {
                await tx.RollbackAsync(savepoint);
                await tx.ReleaseAsync(savepoint);
                // Two bursts inserting the same key (a counter's first row, a reservation) is a lost race too.
                outcomes.Add((commit, IsUniqueViolation(e) ? new DbUpdateConcurrencyException("A row with the same key was written first.", e) : e));
            }
        }
        await tx.CommitAsync();
        foreach (var (commit, error) in outcomes)
        {
            if (error is null)
            {
                Committed(commit);
                commit.Done.TrySetResult();
            }
            else commit.Done.TrySetException(error);
        }
    }
}
