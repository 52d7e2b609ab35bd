using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// The database of the configured provider: pooled EF contexts for ordinary reads and writes, raw
/// connections for the engine's hot path (<see cref="WorkflowStore"/>), and schema migration. On PostgreSQL
/// every connection carries <see cref="StorageOptions.LockTimeout"/>: a statement waiting for a row another
/// transaction holds gives up after it (<see cref="StorageBusy"/>) instead of hanging until the command timeout.
/// </summary>
public sealed class ApprovalsDb : IAsyncDisposable, IDisposable
{
    private readonly IDbContextFactory<ApprovalsDbContext> _pool;
    private readonly Func<DbConnection, ApprovalsDbContext> _createOn;
    private readonly NpgsqlDataSource? _postgres;

    public ApprovalsDb(StorageOptions options)
    {
        Options = options;
        if (options.IsPostgres)
        {
            _postgres = PostgresSource(options);
            var o = new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql(_postgres).Options;
            _pool = new Pool<PostgresApprovalsDbContext>(o);
            var on = new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql().Options;
            _createOn = c => On(new PostgresApprovalsDbContext(on), c);
        }
        else
        {
            PrepareSqliteFile(options.ConnectionString);
            var o = new DbContextOptionsBuilder<SqliteApprovalsDbContext>()
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas()).Options;
            _pool = new Pool<SqliteApprovalsDbContext>(o);
            var on = new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite().Options;
            _createOn = c => On(new SqliteApprovalsDbContext(on), c);
        }
    }

    public StorageOptions Options { get; }

    private static NpgsqlDataSource PostgresSource(StorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var cs = builder.ConnectionStringBuilder;
        // A startup parameter rather than a SET: it survives the pool's reset (DISCARD ALL) when a connection is reused.
        var ms = (long)options.LockTimeout.TotalMilliseconds;
        cs.Options = $"{cs.Options} -c lock_timeout={Math.Max(0, ms)}".Trim();
        return builder.Build();
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _postgres?.Dispose();

    /// <summary>A context from the pool; dispose it to give it back.</summary>
    public ApprovalsDbContext Create() => _pool.CreateDbContext();

    /// <summary>A context on an open connection (and its transaction, set by the caller), for work that must share them.</summary>
    public ApprovalsDbContext CreateOn(DbConnection connection) => _createOn(connection);

    /// <summary>
    /// The options are built once, without a connection, and each context is pointed at the caller's: building
    /// options per connection would make EF look up its internal services on every commit.
    /// </summary>
    private static ApprovalsDbContext On(ApprovalsDbContext ctx, DbConnection connection)
    {
        ctx.Database.SetDbConnection(connection);
        return ctx;
    }

    /// <summary>An open connection with the per-connection settings applied; dispose it.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync(ct);
        await SqlitePragmas.ApplyAsync(connection, ct);
        return connection;
    }

    /// <summary>Applies the committed migrations of the provider; for SQLite also switches the file to WAL.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = Create();
        if (Options.IsPostgres)
        {
            // Migrating waits for another host's migration (EF locks the history table): that wait is meant to be long.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET lock_timeout = 0", ct);
        }
        await db.Database.MigrateAsync(ct);
        if (!Options.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// The database file is owner-only (600) before SQLite first opens it: SQLite gives its -wal and -shm files the
    /// database file's mode, so they are owner-only too. A file an older version left readable is narrowed.
    /// </summary>
    private static void PrepareSqliteFile(string connectionString)
    {
        var options = new SqliteConnectionStringBuilder(connectionString);
        var file = options.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || options.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly) return;
        var path = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) PrivateFiles.CreateFolder(dir);
        PrivateFiles.CreateFile(path);
        foreach (var companion in new[] { "-wal", "-shm", "-journal" }) PrivateFiles.NarrowFile(path + companion);
    }

    /// <summary>EF's context pool, typed as the common base so callers do not care about the provider.</summary>
    private sealed class Pool<T>(DbContextOptions<T> options) : IDbContextFactory<ApprovalsDbContext> where T : ApprovalsDbContext
    {
        private readonly PooledDbContextFactory<T> _inner = new(options);
        public ApprovalsDbContext CreateDbContext() => _inner.CreateDbContext();
    }
}
