using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// The database of the configured provider: pooled EF contexts for ordinary reads and writes, raw
/// connections for the engine's hot path (<see cref="WorkflowStore"/>), and schema migration.
/// </summary>
public sealed class ApprovalsDb
{
    private readonly IDbContextFactory<ApprovalsDbContext> _pool;
    private readonly Func<DbConnection, ApprovalsDbContext> _createOn;
    private readonly NpgsqlDataSource? _postgres;

    public ApprovalsDb(StorageOptions options)
    {
        Options = options;
        if (options.IsPostgres)
        {
            _postgres = NpgsqlDataSource.Create(options.ConnectionString);
            var o = new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql(_postgres).Options;
            _pool = new Pool<PostgresApprovalsDbContext>(o);
            var on = new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql().Options;
            _createOn = c => On(new PostgresApprovalsDbContext(on), c);
        }
        else
        {
            EnsureSqliteFolder(options.ConnectionString);
            var o = new DbContextOptionsBuilder<SqliteApprovalsDbContext>()
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas()).Options;
            _pool = new Pool<SqliteApprovalsDbContext>(o);
            var on = new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite().Options;
            _createOn = c => On(new SqliteApprovalsDbContext(on), c);
        }
    }

    public StorageOptions Options { get; }

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
        await db.Database.MigrateAsync(ct);
        if (!Options.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>EF's context pool, typed as the common base so callers do not care about the provider.</summary>
    private sealed class Pool<T>(DbContextOptions<T> options) : IDbContextFactory<ApprovalsDbContext> where T : ApprovalsDbContext
    {
        private readonly PooledDbContextFactory<T> _inner = new(options);
        public ApprovalsDbContext CreateDbContext() => _inner.CreateDbContext();
    }
}
