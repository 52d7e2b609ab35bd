using Approvals.Workflows.Persistence;
using Npgsql;

namespace Approvals.Host.Startup;

/// <summary>
/// Makes the startup step (migrations, seeding, flows, shared keys, client registration) run on one host at a time
/// when several share a PostgreSQL database: a session-level <c>pg_advisory_lock</c> on a connection of its own, held
/// until the host has started. The others wait for it, then find the work done and only check it. The connection is
/// not pooled, so closing it (or the process dying) ends the session and frees the lock. On SQLite there is one host
/// per data folder (<c>host.lock</c>) and nothing to wait for.
/// </summary>
public sealed class StartupLock(StorageOptions storage, ILogger<StartupLock> log)
{
    /// <summary>The advisory lock's key: any constant the platform's database uses for nothing else ("APPROVAL").</summary>
    public const long Key = 0x415050524F56414C;

    /// <summary>Takes the lock (waiting while another host holds it); dispose the result to let the next host go.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        if (!storage.IsPostgres) return new Held(null);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                tryLock.Parameters.AddWithValue("key", Key);
                if (await tryLock.ExecuteScalarAsync(ct) is true) return new Held(connection);
            }
            log.LogInformation("Another host is starting on this database; waiting for it to finish its startup step");
            await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            wait.Parameters.AddWithValue("key", Key);
            await wait.ExecuteNonQueryAsync(ct);
            log.LogInformation("The other host has started; going on");
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection? connection) : IDisposable
    {
        public void Dispose() => connection?.Dispose();
    }
}
