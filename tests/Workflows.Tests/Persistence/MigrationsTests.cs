using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Persistence;

/// <summary>
/// Each provider keeps its own migrations of the one model: a model change without a migration for either
/// would be found only by a host starting on that provider (EF refuses to migrate with pending changes).
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_migrations_are_up_to_date_with_the_model()
    {
        using var ctx = new SqliteApprovalsDbContext(new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(ctx.Database.HasPendingModelChanges(), "the model changed without a SQLite migration (dotnet ef migrations add … --context SqliteApprovalsDbContext)");
        Assert.NotEmpty(ctx.Database.GetMigrations());
    }

    [Fact]
    public void The_postgres_migrations_are_up_to_date_with_the_model_and_match_the_sqlite_ones()
    {
        // No server is contacted: the model and the migrations' snapshot are compared in memory.
        using var pg = new PostgresApprovalsDbContext(new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.False(pg.Database.HasPendingModelChanges(), "the model changed without a PostgreSQL migration (dotnet ef migrations add … --context PostgresApprovalsDbContext)");
        using var sqlite = new SqliteApprovalsDbContext(new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite("Data Source=:memory:").Options);
        // Same steps in the same order (the timestamps differ by provider; the names do not).
        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), pg.Database.GetMigrations().Select(Name));
    }

    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_') + 1)..];
}
