using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Persistence;

/// <summary>Creates contexts for the configured provider and brings the schema up to date.</summary>
public sealed class ApprovalsDb
{
    private readonly Func<ApprovalsDbContext> _create;

    public ApprovalsDb(StorageOptions options)
    {
        Options = options;
        if (options.IsPostgres)
        {
            var o = new DbContextOptionsBuilder<PostgresApprovalsDbContext>()
                .UseNpgsql(options.ConnectionString).Options;
            _create = () => new PostgresApprovalsDbContext(o);
        }
        else
        {
            EnsureSqliteFolder(options.ConnectionString);
            var o = new DbContextOptionsBuilder<SqliteApprovalsDbContext>()
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas()).Options;
            _create = () => new SqliteApprovalsDbContext(o);
        }
    }

    public StorageOptions Options { get; }

    /// <summary>A new context; dispose it.</summary>
    public ApprovalsDbContext Create() => _create();

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
}
