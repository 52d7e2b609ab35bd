using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.Bench;

/// <summary>
/// Our engine on a fresh SQLite file in a temp folder, with the bench definition published:
/// Start → WaitForSignal("go", key = input.key) → Decision(input.amount > 100) → End (High | Low).
/// </summary>
internal sealed class OursEngine : IAsyncDisposable
{
    public const string DefinitionId = "bench-approval";
    public const string Signal = "go";

    public const string DefinitionJson = """
        {
          "id": "bench-approval",
          "version": 1,
          "name": { "zh-CN": "基准审批", "en": "Bench approval" },
          "category": "bench",
          "variables": [],
          "startForm": [
            { "key": "key", "label": { "zh-CN": "关联键", "en": "Key" }, "type": "text", "required": true },
            { "key": "amount", "label": { "zh-CN": "金额", "en": "Amount" }, "type": "number", "required": true }
          ],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {}, "position": { "x": 0, "y": 0 } },
            { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go", "correlationKey": { "js": "input.key" } }, "position": { "x": 200, "y": 0 } },
            { "id": "decide", "type": "Decision", "inputs": { "condition": { "js": "input.amount > 100" } }, "position": { "x": 400, "y": 0 } },
            { "id": "end-high", "type": "End", "inputs": { "result": "High" }, "position": { "x": 600, "y": -100 } },
            { "id": "end-low", "type": "End", "inputs": { "result": "Low" }, "position": { "x": 600, "y": 100 } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "decide" },
            { "source": "decide", "outcome": "True", "target": "end-high" },
            { "source": "decide", "outcome": "False", "target": "end-low" }
          ]
        }
        """;

    private readonly DirectoryInfo _dir;

    private OursEngine(DirectoryInfo dir, ServiceProvider services, WarningCounter warnings)
    {
        _dir = dir;
        Services = services;
        Warnings = warnings;
        Runtime = services.GetRequiredService<IWorkflowRuntime>();
        Db = services.GetRequiredService<ApprovalsDb>();
    }

    public ServiceProvider Services { get; }
    public IWorkflowRuntime Runtime { get; }
    public ApprovalsDb Db { get; }
    public WarningCounter Warnings { get; }

    public static string Key(int i) => "k" + i.ToString(CultureInfo.InvariantCulture);
    public static int Amount(int i) => i % 2 == 0 ? 150 : 50;
    public static string ExpectedResult(int i) => Amount(i) > 100 ? "High" : "Low";

    /// <summary>
    /// The start form of instance <paramref name="i"/>, parsed from JSON text as the HTTP API receives it.
    /// (Built in C# as <c>new JsonObject { ["amount"] = 150 }</c> it fails: FormValidator reads numbers with
    /// GetValue&lt;decimal&gt;(), which throws InvalidOperationException for a JsonValue holding an int.)
    /// </summary>
    public static JsonObject Input(int i) =>
        JsonNode.Parse($$"""{"key":"{{Key(i)}}","amount":{{Amount(i)}}}""")!.AsObject();

    /// <summary>Builds the engine, migrates the new database and publishes the bench definition.</summary>
    public static async Task<OursEngine> CreateAsync(Action<IServiceCollection, WorkflowEngineOptions>? configure = null)
    {
        var dir = Directory.CreateTempSubdirectory("approvals-bench-");
        var warnings = new WarningCounter();
        var options = new WorkflowEngineOptions();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings));
        services.AddWorkflowEngine(new StorageOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(dir.FullName, "bench.db")}" }, options);
        configure?.Invoke(services, options);
        var provider = services.BuildServiceProvider();
        var engine = new OursEngine(dir, provider, warnings);
        await engine.Db.MigrateAsync();
        await provider.GetRequiredService<WorkflowDefinitions>().PublishFileAsync(DefinitionJson, "bench-approval.json");
        return engine;
    }

    /// <summary>Starts instance <paramref name="i"/>; it must stop waiting for the signal. Returns its id.</summary>
    public async Task<string> StartAsync(int i, CancellationToken ct)
    {
        var instance = await Runtime.StartAsync(DefinitionId, Input(i), "bench", ct);
        if (instance.Status != InstanceStatus.Suspended)
            throw new BenchFailure($"instance {i} is {instance.Status} after start, expected Suspended");
        return instance.Id;
    }

    /// <summary>Signals instance <paramref name="i"/>; exactly one instance must be resumed.</summary>
    public async Task SignalAsync(int i, CancellationToken ct)
    {
        var resumed = await Runtime.SignalAsync(Signal, Key(i), new JsonObject { ["approved"] = true }, "bench", ct);
        if (resumed.Count != 1) throw new BenchFailure($"signal for {Key(i)} resumed {resumed.Count} instances, expected 1");
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _dir.Delete(recursive: true); } catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}

/// <summary>A run that did not do what it was asked (wrong state, missing completions, timeout).</summary>
internal sealed class BenchFailure(string message) : Exception(message);
