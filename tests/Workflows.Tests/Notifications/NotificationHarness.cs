using Approvals.Tests.Shared;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tests.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>
/// The engine on a real SQLite file (as <see cref="EngineHarness"/> builds it) plus notification delivery,
/// a fake clock and <see cref="FakeOrganization"/>. A second harness on the same file and clock is a second host.
/// </summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private NotificationHarness(ServiceProvider services, string dbFile, FakeTimeProvider clock, ListLogger logs, bool ownsDatabase)
    {
        _services = services;
        _ownsDatabase = ownsDatabase;
        DbFile = dbFile;
        Clock = clock;
        Logs = logs;
    }

    public string DbFile { get; }
    public FakeTimeProvider Clock { get; }
    public ListLogger Logs { get; }
    public FakeOrganization Org => (FakeOrganization)Get<IOrganization>();
    public NotificationDispatcher Dispatcher => Get<NotificationDispatcher>();
    public ApprovalsDb Db => Get<ApprovalsDb>();
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<NotificationHarness> CreateAsync(NotificationOptions options, string? dbFile = null, FakeTimeProvider? clock = null)
    {
        var ownsDatabase = dbFile is null;
        dbFile ??= EngineHarness.NewDbFile();
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var logs = new ListLogger();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs))
            .AddSingleton<TimeProvider>(clock)
            .AddWorkflowEngine(TestStorage.For(dbFile))
            // Registered after the engine so it is the one resolved even if the engine brings its own.
            .AddSingleton<IOrganization>(new FakeOrganization())
            .AddNotificationDelivery(options)
            .BuildServiceProvider();
        var harness = new NotificationHarness(services, dbFile, clock, logs, ownsDatabase);
        await harness.Db.MigrateAsync();
        return harness;
    }

    /// <summary>Stores a notification as a workflow step stages it: due now, not delivered.</summary>
    public async Task<Notification> AddAsync(string userId, NotificationKind kind, string title, string? taskId = "t1",
        string? instanceId = "i1", string? body = null, DateTime? nextAttemptAt = null)
    {
        var n = new Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, Kind = kind, Title = title, Body = body,
            TaskId = taskId, InstanceId = instanceId, CreatedAt = Now, NextAttemptAt = nextAttemptAt ?? Now,
        };
        await using var ctx = Db.Create();
        ctx.Notifications.Add(n);
        await ctx.SaveChangesAsync();
        return n;
    }

    public async Task<Notification> FindAsync(string id)
    {
        await using var ctx = Db.Create();
        return await ctx.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDatabase) TestStorage.Drop(DbFile);
    }
}
