using Approvals.Host.SignIn.Provider;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenIddict.EntityFrameworkCore.Models;

namespace Approvals.Host.SignIn;

/// <summary>
/// The embedded provider's tables, on the engine's database but with their own model and migrations (history in
/// <c>__signin_migrations</c>): OpenIddict's applications, authorizations, scopes and tokens, and
/// <c>user_credentials</c>; and <c>shared_keys</c>, the keys hosts on one PostgreSQL database share (used whether or not
/// the embedded provider is on). Provider-specific subclasses exist only so SQLite and PostgreSQL keep their own migrations.
/// </summary>
public abstract class SignInDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__signin_migrations";

    public DbSet<UserCredential> Credentials => Set<UserCredential>();

    public DbSet<SharedKeys.SharedKey> SharedKeys => Set<SharedKeys.SharedKey>();

    /// <summary>The provider's options on the engine's database (its own migrations history table).</summary>
    public static void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        if (storage.IsPostgres) options.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable(MigrationsHistoryTable));
        else options.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable(MigrationsHistoryTable));
    }

    /// <summary>
    /// A context outside dependency injection, for applying the migrations at startup (like the engine's, it does not
    /// log: EF would report the first look for the history table on an empty database as a failed command).
    /// </summary>
    public static SignInDbContext Create(StorageOptions storage)
    {
        if (storage.IsPostgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresSignInDbContext>();
            Configure(postgres, storage);
            return new PostgresSignInDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteSignInDbContext>();
        Configure(sqlite, storage);
        return new SqliteSignInDbContext(sqlite.Options);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // Every timestamp is UTC; SQLite forgets the kind, so it is restored on read.
        c.Properties<DateTime>().HaveConversion<UtcConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.UseOpenIddict();
        b.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        b.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        b.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        b.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");
        b.Entity<UserCredential>(e =>
        {
            e.ToTable("user_credentials");
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.PasswordHash).HasMaxLength(256);
        });
        b.Entity<SharedKeys.SharedKey>(e =>
        {
            e.ToTable("shared_keys");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(200);
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteSignInDbContext(DbContextOptions<SqliteSignInDbContext> options) : SignInDbContext(options);

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresSignInDbContext(DbContextOptions<PostgresSignInDbContext> options) : SignInDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without a host.</summary>
internal sealed class SqliteSignInDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSignInDbContext>
{
    public SqliteSignInDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSignInDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(SignInDbContext.MigrationsHistoryTable)).Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
internal sealed class PostgresSignInDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSignInDbContext>
{
    public PostgresSignInDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSignInDbContext>()
            .UseNpgsql("Host=localhost;Database=approvals", o => o.MigrationsHistoryTable(SignInDbContext.MigrationsHistoryTable)).Options);
}
