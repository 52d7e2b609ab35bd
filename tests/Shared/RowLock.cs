using Npgsql;

namespace Approvals.Tests.Shared;

/// <summary>
/// One row held by <c>SELECT … FOR UPDATE</c> in an open transaction on a connection of its own (PostgreSQL), as a
/// stuck request or a long administrative job would hold it: other transactions that write the row wait for it.
/// </summary>
public sealed class RowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _tx;

    private RowLock(NpgsqlConnection connection, NpgsqlTransaction tx) => (_connection, _tx) = (connection, tx);

    /// <summary>Locks the row of <paramref name="table"/> whose <c>"Id"</c> is <paramref name="id"/>.</summary>
    public static Task<RowLock> TakeAsync(string connectionString, string table, string id) =>
        TakeWhereAsync(connectionString, table, "\"Id\" = @p0", id);

    /// <summary>Locks the rows of <paramref name="table"/> that <paramref name="where"/> selects (parameters @p0, @p1…); there must be one.</summary>
    public static async Task<RowLock> TakeWhereAsync(string connectionString, string table, string where, params object[] values)
    {
        // Outside the host's pool and without its lock timeout.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Options = null }.ConnectionString);
        await connection.OpenAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var select = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE {where} FOR UPDATE", connection, tx);
        for (var n = 0; n < values.Length; n++) select.Parameters.AddWithValue($"p{n}", values[n]);
        if (await select.ExecuteScalarAsync() is null) throw new InvalidOperationException($"no row of {table} where {where}");
        return new RowLock(connection, tx);
    }

    /// <summary>How many other sessions are waiting for a lock this one holds.</summary>
    public async Task<int> WaitingAsync()
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))", _connection, _tx);
        return Convert.ToInt32(await count.ExecuteScalarAsync());
    }

    /// <summary>Waits until <paramref name="count"/> sessions wait for this lock (a safety limit of a minute, then fails).</summary>
    public async Task WaitForWaitersAsync(int count = 1)
    {
        for (var tries = 0; await WaitingAsync() < count; tries++)
        {
            if (tries > 3000) throw new TimeoutException($"no {count} session(s) came to wait for the locked row");
            await Task.Delay(20);
        }
    }

    /// <summary>True while the transaction holding the row is open.</summary>
    public bool Held => _tx is not null;

    /// <summary>Ends the transaction, which lets the waiting sessions go on.</summary>
    public async Task ReleaseAsync()
    {
        if (_tx is null) return;
        await _tx.RollbackAsync();
        await _tx.DisposeAsync();
        _tx = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
