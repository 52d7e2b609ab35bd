using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>The engine on a real SQLite file with a fake clock; a second harness on the same file is a "restarted host".</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHarness(ServiceProvider services, string dbFile, FakeTimeProvider clock)
    {
        _services = services;
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

    public static string NewDbFile() => Path.Combine(Path.GetTempPath(), "approvals-tests", Guid.NewGuid().ToString("N"), "engine.db");

    public static async Task<EngineHarness> CreateAsync(string? dbFile = null, FakeTimeProvider? clock = null, WorkflowEngineOptions? options = null)
    {
        dbFile ??= NewDbFile();
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock)
            .AddWorkflowEngine(new StorageOptions { ConnectionString = $"Data Source={dbFile}" }, options)
            .BuildServiceProvider();
        var harness = new EngineHarness(services, dbFile, clock);
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
    }
}
