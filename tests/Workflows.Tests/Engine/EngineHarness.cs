using Approvals.Activities;
using Approvals.Tests.Shared;
using Approvals.Workflows;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// The engine on a real database with a fake clock: a SQLite file, or on a PostgreSQL run (<see cref="TestStorage"/>) a
/// database of its own that the file path names; a second harness on the same file is a "restarted host".
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly bool _ownsDatabase;

    private EngineHarness(ServiceProvider services, string dbFile, FakeTimeProvider clock, bool ownsDatabase)
    {
        _services = services;
        _ownsDatabase = ownsDatabase;
        DbFile = dbFile;
        Clock = clock;
    }

    public string DbFile { get; }
    public FakeTimeProvider Clock { get; }
    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();
    public WorkflowDefinitions Definitions => _services.GetRequiredService<WorkflowDefinitions>();
    public TimerDispatcher Timers => _services.GetRequiredService<TimerDispatcher>();
    public ApprovalsDb Db => _services.GetRequiredService<ApprovalsDb>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The repository root (the folder holding Approvals.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Loads the demo office (workflows/org/demo-office.json) into an empty database.</summary>
    public Task SeedDemoOfficeAsync() => Get<Approvals.Workflows.Organization.OrgImporter>().SeedIfEmptyAsync(Path.Combine(RepoRoot, "workflows", "org", "demo-office.json"));

    public static string NewDbFile() => Path.Combine(Path.GetTempPath(), "approvals-tests", Guid.NewGuid().ToString("N"), "engine.db");

    /// <summary>
    /// The engine with the office activities and the 2026 working-day calendar from the repository;
    /// <paramref name="configure"/> may add or replace services, <paramref name="storage"/> change the storage settings.
    /// </summary>
    public static async Task<EngineHarness> CreateAsync(string? dbFile = null, FakeTimeProvider? clock = null, WorkflowEngineOptions? options = null,
        Action<IServiceCollection>? configure = null, Action<StorageOptions>? storage = null)
    {
        var ownsDatabase = dbFile is null;
        dbFile ??= NewDbFile();
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var storageOptions = TestStorage.For(dbFile);
        storage?.Invoke(storageOptions);
        var collection = new ServiceCollection();
        collection
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock)
            .AddWorkflowEngine(storageOptions, options, typeof(ActivitiesAssembly).Assembly)
            .AddOfficeActivities()
            .AddSingleton<IBusinessCalendar>(_ => BusinessCalendar.FromDirectory(Path.Combine(RepoRoot, "workflows", "calendar")));
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var harness = new EngineHarness(services, dbFile, clock, ownsDatabase);
        await harness.Db.MigrateAsync();
        return harness;
    }

    /// <summary>Saves <paramref name="definition"/> as a draft and publishes it; returns the version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinition definition)
    {
        await Definitions.SaveDraftAsync(definition, "admin");
        return (await Definitions.PublishAsync(definition.Id, "admin")).Info.Version;
    }

    public async Task<InstanceDetails> GetAsync(string instanceId) =>
        await Runtime.GetAsync(instanceId) ?? throw new InvalidOperationException($"no instance {instanceId}");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        // A database a test named itself may be opened again by a later harness; TestStorage drops it at the end.
        if (_ownsDatabase) TestStorage.Drop(DbFile);
    }
}
