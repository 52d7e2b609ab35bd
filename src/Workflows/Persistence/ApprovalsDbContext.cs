using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
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
    public DbSet<OrgUser> Users => Set<OrgUser>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<OrgGroup> Groups => Set<OrgGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<OutOfOffice> OutOfOffice => Set<OutOfOffice>();
    public DbSet<HumanTask> Tasks => Set<HumanTask>();
    public DbSet<CaseHistory> History => Set<CaseHistory>();
    public DbSet<CarbonCopy> CarbonCopies => Set<CarbonCopy>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<AssetMove> AssetMoves => Set<AssetMove>();
    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();
    public DbSet<LeaveRecord> LeaveRecords => Set<LeaveRecord>();
    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();

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
        OnOrganizationCreating(b);
        OnTasksCreating(b);
        OnOfficeCreating(b);
    }

    private static void OnOfficeCreating(ModelBuilder b)
    {
        b.Entity<Asset>(e =>
        {
            e.ToTable("assets");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Value).HasPrecision(18, 2);
            e.HasIndex(x => x.SectionId);
        });
        b.Entity<AssetMove>(e => { e.ToTable("asset_moves"); e.HasKey(x => x.Id); e.HasIndex(x => new { x.AssetCode, x.At }); });
        b.Entity<DocumentCounter>(e =>
        {
            e.ToTable("document_counters");
            e.HasKey(x => new { x.Series, x.Year });
            // Issuing a number is a read-then-write race; the counter's value is its own concurrency token.
            e.Property(x => x.LastNumber).IsConcurrencyToken();
        });
        b.Entity<ReportRun>(e => { e.ToTable("report_runs"); e.HasKey(x => new { x.Key, x.Year, x.Month }); });
        b.Entity<LeaveRecord>(e =>
        {
            e.ToTable("leave_records");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkingDays).HasPrecision(6, 1);
            e.HasIndex(x => new { x.UserId, x.Start });
            e.HasIndex(x => x.Start);
        });
    }

    private static void OnOrganizationCreating(ModelBuilder b)
    {
        b.Entity<OrgUser>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Position).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.SectionId);
        });
        b.Entity<Section>(e => { e.ToTable("sections"); e.HasKey(x => x.Id); e.Property(x => x.Id).HasMaxLength(64); });
        b.Entity<OrgGroup>(e =>
        {
            e.ToTable("groups");
            e.HasKey(x => x.Id);
            e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<GroupMember>(e => { e.ToTable("group_members"); e.HasKey(x => new { x.GroupId, x.UserId }); });
        b.Entity<OutOfOffice>(e => { e.ToTable("out_of_office"); e.HasKey(x => x.Id); e.HasIndex(x => new { x.UserId, x.From }); });
    }

    private static void OnTasksCreating(ModelBuilder b)
    {
        b.Entity<HumanTask>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            // The inbox's hot queries: my open tasks by due date, a section pool, delegated to me, my done list.
            e.HasIndex(x => new { x.AssigneeId, x.Status, x.DueAt });
            e.HasIndex(x => new { x.PoolSectionId, x.Status, x.DueAt });
            e.HasIndex(x => new { x.DelegatedTo, x.Status });
            e.HasIndex(x => new { x.CompletedBy, x.CompletedAt });
            e.HasIndex(x => new { x.InstanceId, x.Status });
            e.HasIndex(x => x.BookmarkId);
            // "My to-do" (InboxQueries.Todo): one small partial index per part of the union, holding open tasks only.
            // Each covers what the count and the page's sort read (SQLite does not take a partial index's WHERE
            // columns as covered, hence Status/DelegatedTo/AssigneeId also as key columns), and has more equality
            // columns than the general indexes above, so SQLite picks it with or without ANALYZE statistics.
            e.HasIndex(x => new { x.AssigneeId, x.Status, x.DelegatedTo, x.DueAt, x.CreatedAt, x.Id }, "IX_tasks_Todo_Mine")
                .HasFilter("\"Status\" = 'Open' AND \"DelegatedTo\" IS NULL");
            e.HasIndex(x => new { x.DelegatedTo, x.Status, x.DueAt, x.CreatedAt, x.Id }, "IX_tasks_Todo_Delegated")
                .HasFilter("\"Status\" = 'Open' AND \"DelegatedTo\" IS NOT NULL");
            e.HasIndex(x => new { x.PoolSectionId, x.Status, x.AssigneeId, x.DueAt, x.CreatedAt, x.Id }, "IX_tasks_Todo_Pool")
                .HasFilter("\"Status\" = 'Open' AND \"AssigneeId\" IS NULL");
        });
        b.Entity<CaseHistory>(e => { e.ToTable("case_history"); e.HasKey(x => x.Id); e.HasIndex(x => new { x.InstanceId, x.Id }); });
        b.Entity<CarbonCopy>(e => { e.ToTable("carbon_copies"); e.HasKey(x => x.Id); e.HasIndex(x => new { x.UserId, x.CreatedAt }); e.HasIndex(x => x.InstanceId); });
        b.Entity<Attachment>(e => { e.ToTable("attachments"); e.HasKey(x => x.Id); e.HasIndex(x => x.InstanceId); });
        b.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
            e.HasIndex(x => new { x.DeliveredAt, x.NextAttemptAt });
        });
    }
}

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteApprovalsDbContext(DbContextOptions<SqliteApprovalsDbContext> options) : ApprovalsDbContext(options);

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresApprovalsDbContext(DbContextOptions<PostgresApprovalsDbContext> options) : ApprovalsDbContext(options);
