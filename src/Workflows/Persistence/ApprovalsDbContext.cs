using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// The platform's database. Provider-specific subclasses exist only so that SQLite and PostgreSQL
/// each keep their own migrations; the model is defined once, here.
/// </summary>
public abstract class ApprovalsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DefinitionVersion> DefinitionVersions => Set<DefinitionVersion>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();

    /// <summary>Every timestamp is UTC; SQLite forgets the kind, so it is restored on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DefinitionVersion>(e =>
        {
            e.ToTable("definition_versions");
            e.HasKey(x => new { x.DefinitionId, x.Version });
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(100);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(200);
        });
        b.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.UpdatedAt });
            e.HasIndex(x => new { x.DefinitionId, x.DefinitionVersion });
            e.HasIndex(x => new { x.Initiator, x.CreatedAt });
        });
        b.Entity<Bookmark>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.InstanceId).HasMaxLength(32);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
        });
        b.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("timers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.HasIndex(x => x.DueAt);
            e.HasIndex(x => x.BookmarkId);
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable("journal");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(x => new { x.InstanceId, x.Id });
        });
        b.Entity<Incident>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
        });
    }
}

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteApprovalsDbContext(DbContextOptions<SqliteApprovalsDbContext> options) : ApprovalsDbContext(options);

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresApprovalsDbContext(DbContextOptions<PostgresApprovalsDbContext> options) : ApprovalsDbContext(options);
