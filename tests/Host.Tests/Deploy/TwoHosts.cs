using System.Runtime.InteropServices;
using Npgsql;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// Two hosts as an operator runs them behind a load balancer: separate processes (<c>dotnet Approvals.Host.dll</c>, the
/// build the tests were built with) in Production, started at the same moment on one empty PostgreSQL database, each
/// with a data folder and a copy of the flows of its own, one shared attachments folder (<c>Paths:Attachments</c>),
/// and <c>Auth:PublicOrigin</c> the address of a <see cref="RoundRobinProxy"/> in front of them. The flows are the
/// repository's plus two small ones: <see cref="LeaveFlowId"/> (the initiator's chief decides) and
/// <see cref="TickFlowId"/> (a one-second Delay).
/// </summary>
public class TwoHosts : IAsyncLifetime
{
    public const string LeaveFlowId = "leave-two-hosts", TickFlowId = "tick-two-hosts";

    /// <summary>Demo office people: 刘洋 is staff of 秘书科, whose chief is 王静.</summary>
    public const string Staff = "liuyang", StaffName = "刘洋", Chief = "wangjing";

    private readonly string _database = "approvals_two_hosts_" + Guid.NewGuid().ToString("N")[..12];
    private readonly System.Collections.Concurrent.ConcurrentBag<HostFolder> _folders = [];

    public string ConnectionString { get; private set; } = "";
    public string SharedAttachments { get; } = Path.Combine(Path.GetTempPath(), "approvals-two-hosts", Guid.NewGuid().ToString("N"), "attachments");
    public RoundRobinProxy Proxy { get; private set; } = null!;
    public HostProcess A { get; private set; } = null!;
    public HostProcess B { get; private set; } = null!;
    public HostProcess[] Hosts => [A, B];

    /// <summary>How long a host holds a timer it picked up (short, so a dead host's timers move on quickly).</summary>
    protected virtual TimeSpan TimerLease => TimeSpan.FromSeconds(5);

    public async ValueTask InitializeAsync()
    {
        if (!PostgresServer.Configured) return;
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await PostgresServer.CreateDatabaseAsync(_database, ct);
        Proxy = await RoundRobinProxy.StartAsync();
        var started = await Task.WhenAll(StartAsync(NewFolder(), ct), StartAsync(NewFolder(), ct));
        (A, B) = (started[0], started[1]);
        Proxy.Route(A.Origin, B.Origin);
    }

    /// <summary>Starts one more host like the first two, on the same database and shared folder (the caller disposes it).</summary>
    public Task<HostProcess> StartAnotherAsync() => StartAsync(NewFolder(), Api.Ct);

    private HostFolder NewFolder()
    {
        var folder = HostFolder.Create();
        File.WriteAllText(folder.WorkflowFile(LeaveFlowId + ".json"), LeaveFlow);
        File.WriteAllText(folder.WorkflowFile(TickFlowId + ".json"), TickFlow);
        _folders.Add(folder);
        return folder;
    }

    private Task<HostProcess> StartAsync(HostFolder folder, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = ConnectionString,
            ["Paths__Data"] = folder.Data,
            ["Paths__Logs"] = folder.Logs,
            ["Paths__Workflows"] = folder.Workflows,
            ["Paths__Attachments"] = SharedAttachments,
            ["Auth__PublicOrigin"] = Proxy.Origin,
            ["Engine__TimerLease"] = TimerLease.ToString(),
            ["Engine__TimerPollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in CliClientSettings()) environment[key.Replace(":", "__")] = value!;
        return HostProcess.StartAsync("dotnet", [HostDll], folder.Root, environment, ct);
    }

    /// <summary>The host's build of the configuration the tests were built in (bin/Debug or bin/Release).</summary>
    private static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(HostFolder.RepositoryRoot, "src", "Host", "bin", configuration, "net10.0", "Approvals.Host.dll");
        }
    }

    /// <summary>An access token for <paramref name="login"/>: the code flow at the public origin, whichever host answers.</summary>
    public async Task<string> TokenAsync(string login)
    {
        using var browser = new SignIn.Browser();
        return (string)(await browser.CodeFlowTokensAsync(Proxy.Origin, login))["access_token"]!;
    }

    /// <summary>Starts the one-second Delay flow; returns the id once the host has acknowledged it (201).</summary>
    public static async Task<string> StartTickAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/requests", new { definitionId = TickFlowId, input = new { } }, Api.Ct);
        return (string)(await response.JsonAsync(HttpStatusCode.Created))["id"]!;
    }

    /// <summary>A client of one host (not through the proxy) with a bearer token.</summary>
    public static HttpClient Client(HostProcess host, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Origin) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One value from the shared database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Api.Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync(Api.Ct))!;
    }

    /// <summary>Rows of two columns from the shared database.</summary>
    public async Task<List<(T1, T2)>> RowsAsync<T1, T2>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Api.Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var rows = new List<(T1, T2)>();
        await using var reader = await command.ExecuteReaderAsync(Api.Ct);
        while (await reader.ReadAsync(Api.Ct)) rows.Add((reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1)));
        return rows;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails with <paramref name="what"/> after a few minutes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> what)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(250, Api.Ct);
        }
        Assert.Fail(await what());
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) a host, to pick the moment it is killed.</summary>
    public static void Signal(HostProcess host, bool stop)
    {
        if (Kill(host.ProcessId, stop ? 19 : 18) != 0) throw new InvalidOperationException($"kill({host.ProcessId}) failed: {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (ConnectionString.Length > 0) await PostgresServer.DropDatabaseAsync(_database);
        foreach (var folder in _folders) folder.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(SharedAttachments)!, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private const string LeaveFlow = """
        {
          "id": "leave-two-hosts",
          "name": { "zh-CN": "请假（两台主机）", "en": "Leave (two hosts)" },
          "category": "测试",
          "startForm": [
            { "key": "reason", "label": { "zh-CN": "事由", "en": "Reason" }, "type": "text", "required": true },
            { "key": "days", "label": { "zh-CN": "天数", "en": "Days" }, "type": "number" }
          ],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "chief", "type": "UserTask", "displayName": { "zh-CN": "科长审批", "en": "Chief" },
              "inputs": { "assignment": { "strategy": "initiatorChief" }, "title": "请假：{{ input.reason }}" } },
            { "id": "approved", "type": "End", "inputs": { "result": "Approved" } },
            { "id": "rejected", "type": "End", "inputs": { "result": "Rejected" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "chief" },
            { "source": "chief", "outcome": "Approved", "target": "approved" },
            { "source": "chief", "outcome": "Rejected", "target": "rejected" }
          ]
        }
        """;

    private const string TickFlow = """
        {
          "id": "tick-two-hosts",
          "name": { "zh-CN": "一秒延时（两台主机）", "en": "One-second delay (two hosts)" },
          "category": "测试",
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "wait", "type": "Delay", "inputs": { "duration": "PT1S" } },
            { "id": "end", "type": "End", "inputs": { "result": "Woke" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "end" }
          ]
        }
        """;
}

/// <summary>A second pair of hosts on a database of its own, for the test that kills one.</summary>
public sealed class FailoverHosts : TwoHosts;
