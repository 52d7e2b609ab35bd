using Approvals.Host.Tests.Deploy;
using Approvals.Host.Tests.SignIn;
using Approvals.Host.Tests.Tasks;

namespace Approvals.Host.Tests.Crash;

/// <summary>
/// The host's own build output (<c>src/Host/bin/&lt;configuration&gt;/net10.0/Approvals.Host.dll</c>, built with the
/// tests) run with <c>dotnet</c> as a separate process in Production, on a <see cref="HostFolder"/> that survives it:
/// the SQLite file, the keys and a copy of the workflows folder holding the test leave flow and a flow that waits
/// <see cref="DelaySeconds"/> seconds on a real timer (a process has no fake clock). The demo office signs in with the
/// demo password, and the command line client is registered for bearer tokens.
/// </summary>
public sealed class BuiltHost : IDisposable
{
    public const string DelayFlowId = "crash-delay";
    public const int DelaySeconds = 3;

    public BuiltHost()
    {
        File.WriteAllText(Folder.WorkflowFile(OfficeHost.LeaveFlowId + ".json"), OfficeHost.LeaveFlow);
        File.WriteAllText(Folder.WorkflowFile(DelayFlowId + ".json"), DelayFlow);
    }

    public HostFolder Folder { get; } = HostFolder.Create();

    /// <summary>The host's dll in the build output of the configuration the tests were built with.</summary>
    public static string Dll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name; // …/tests/Host.Tests/bin/<configuration>/net10.0
            return Path.Combine(HostFolder.RepositoryRoot, "src", "Host", "bin", configuration, testBin.Name, "Approvals.Host.dll");
        }
    }

    /// <summary>Starts a process on the folder and waits for <c>/health</c>.</summary>
    public Task<HostProcess> StartAsync()
    {
        Assert.True(File.Exists(Dll), $"the host is not built at {Dll}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Paths__Data"] = Folder.Data,
            ["Paths__Workflows"] = Folder.Workflows,
            ["Paths__Logs"] = Folder.Logs,
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = Folder.ConnectionString,
            // A timer whose host was killed while firing it is taken again once its lease runs out: short here, so the
            // restarted host does not wait the default minute.
            ["Engine__TimerLease"] = "00:00:05",
        };
        foreach (var (key, value) in SignInFlows.CliClientSettings()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        return HostProcess.StartAsync("dotnet", [Dll], Folder.Root, environment, Api.Ct);
    }

    public void Dispose() => Folder.Dispose();

    private const string DelayFlow = """
        {
          "id": "crash-delay",
          "name": { "zh-CN": "等待三秒（测试）", "en": "Wait three seconds (test)" },
          "category": "测试",
          "startForm": [ { "key": "reason", "label": { "zh-CN": "事由", "en": "Reason" }, "type": "text", "required": true } ],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "wait", "type": "Delay", "inputs": { "duration": "PT3S" } },
            { "id": "end", "type": "End", "inputs": { "result": "Woke" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "end" }
          ]
        }
        """;
}
