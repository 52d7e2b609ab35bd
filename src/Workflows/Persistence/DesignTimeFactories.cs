using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approvals.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApprovalsDbContext>
{
    public SqliteApprovalsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresApprovalsDbContext>
{
    public PostgresApprovalsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresApprovalsDbContext>().UseNpgsql("Host=localhost;Database=approvals").Options);
}
