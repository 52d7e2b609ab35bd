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
/// </summary>
internal sealed class CommitQueue : IDisposable
{
    private const int MaxBatch = 128;
    private readonly ApprovalsDb _db;
    private readonly Channel<PendingCommit> _pending = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });

    public CommitQueue(ApprovalsDb db)
    {
        _db = db;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stops the writer once what is queued has been written.</summary>
    public void Dispose() => _pending.Writer.TryComplete();

    public async Task CommitAsync(PendingCommit commit, CancellationToken ct)
    {
        await _pending.Writer.WriteAsync(commit, ct);
        await commit.Done.Task;
    }

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
                case Npgsql.PostgresException p when p.SqlState == "23505":
                    return true;
            }
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
                if (!commit.Changes.IsNewInstance) commit.Instance.Revision = commit.Changes.ExpectedRevision + 1;
                else commit.Instance.Revision = 1;
                commit.Done.TrySetResult();
            }
            else commit.Done.TrySetException(error);
        }
    }
}
