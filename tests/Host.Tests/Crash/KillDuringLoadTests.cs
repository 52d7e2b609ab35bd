using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Approvals.Host.Tests.Deploy;
using Approvals.Host.Tests.SignIn;
using Approvals.Host.Tests.Tasks;
using Approvals.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Crash;

/// <summary>
/// A real crash: the host runs as a process, a member starts requests (leave requests and flows that wait on a real
/// timer) and his chief approves them over HTTP with bearer tokens, and in the middle of it the process is killed with
/// SIGKILL (<see cref="HostProcess"/> ends it with <c>Process.Kill</c>), no shutdown of any kind. Restarted on the same
/// folder, the host must hold every case it acknowledged exactly once, every approval it acknowledged, nothing twice,
/// and fire each timer once: those due while it was down, and those it was firing when it died.
/// </summary>
public sealed class KillDuringLoadTests
{
    private const string Staff = OfficeHost.Staff, Chief = OfficeHost.StaffChief;

    /// <summary>What the host answered before it died.</summary>
    private sealed class Acknowledged
    {
        public ConcurrentDictionary<string, string> Starts { get; } = new(); // reason → instance id
        public ConcurrentBag<string> Sent { get; } = [];                    // every reason sent, answered or not
        public ConcurrentDictionary<string, string> Approvals { get; } = new(); // task id → instance id
        public ConcurrentQueue<string> Stopped { get; } = new();                // why a worker stopped
    }

    [Fact]
    public async Task After_a_sigkill_mid_load_every_acknowledged_case_and_approval_is_there_once_and_every_timer_fires_once()
    {
        using var built = new BuiltHost();
        var acknowledged = new Acknowledged();

        var first = await built.StartAsync();
        try
        {
            var staff = await TokenAsync(first.Origin, Staff);
            var chief = await TokenAsync(first.Origin, Chief);
            using var stop = new CancellationTokenSource();
            var workers = new List<Task>
            {
                StartRequestsAsync(first.Origin, staff, "a", acknowledged, stop.Token),
                StartRequestsAsync(first.Origin, staff, "b", acknowledged, stop.Token),
                ApproveAsync(first.Origin, chief, acknowledged, stop.Token),
            };
            // Kill while requests are in flight, once enough has been acknowledged to be worth checking.
            await WaitUntilAsync(() => acknowledged.Starts.Count >= 30 && acknowledged.Approvals.Count >= 8, () => $"load to build up ({acknowledged.Starts.Count} starts, {acknowledged.Approvals.Count} approvals; stopped: {string.Join("; ", acknowledged.Stopped)})");
            await first.DisposeAsync(); // SIGKILL
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        finally
        {
            await first.DisposeAsync();
        }
        Assert.Contains("Now listening", first.Output);
        // The kill cut requests in flight (or the next one found nobody listening): it came in the middle of the load.
        Assert.Contains(acknowledged.Stopped, s => s.StartsWith(nameof(HttpRequestException), StringComparison.Ordinal));

        // Read while no host runs: what the dead host left is what the restarted one must go on from.
        var cases = await ReadCasesAsync(built.Folder);
        var unfired = await CountAsync(built.Folder, cases.Where(c => c.DefinitionId == BuiltHost.DelayFlowId), "Woke");
        Assert.True(unfired > 0, "no timer was left for the restarted host to fire");
        await using var second = await built.StartAsync();
        // Every acknowledged start is there exactly once; a start that was in flight is there at most once.
        foreach (var (reason, id) in acknowledged.Starts)
            Assert.True(cases.Count(c => c.Reason == reason) == 1 && cases.Single(c => c.Reason == reason).Id == id, $"acknowledged {reason} ({id}) is not there once");
        Assert.All(cases.GroupBy(c => c.Reason), g => Assert.True(g.Count() == 1, $"{g.Key} was stored {g.Count()} times"));
        Assert.All(cases, c => Assert.Contains(c.Reason, acknowledged.Sent));

        await using (var db = await OpenAsync(built.Folder))
        {
            // Every acknowledged approval is committed: the task completed, the case approved, and the chief's task only once.
            foreach (var (taskId, instanceId) in acknowledged.Approvals)
            {
                Assert.Equal("Completed", await ScalarAsync(db, "SELECT \"Status\" FROM tasks WHERE \"Id\" = @p", taskId));
                Assert.Equal("Approved", await ScalarAsync(db, "SELECT \"Result\" FROM instances WHERE \"Id\" = @p", instanceId));
            }
            foreach (var leave in cases.Where(c => c.DefinitionId == OfficeHost.LeaveFlowId))
                Assert.Equal(1L, await ScalarAsync(db, "SELECT COUNT(*) FROM tasks WHERE \"InstanceId\" = @p AND \"ActivityId\" = 'chief'", leave.Id));
        }

        // Every waiting case wakes up once, the restarted host firing what was due and what the dead one had leased.
        var waiting = cases.Where(c => c.DefinitionId == BuiltHost.DelayFlowId).Select(c => c.Id).ToList();
        Assert.NotEmpty(waiting);
        await WaitUntilAsync(async () =>
        {
            await using var db = await OpenAsync(built.Folder);
            foreach (var id in waiting)
                if ((string?)await ScalarAsync(db, "SELECT \"Result\" FROM instances WHERE \"Id\" = @p", id) != "Woke") return false;
            return true;
        }, "every delay to fire after the restart");
        await using (var db = await OpenAsync(built.Folder))
            foreach (var id in waiting)
            {
                Assert.Equal(1L, await ScalarAsync(db, $"SELECT COUNT(*) FROM journal WHERE \"InstanceId\" = @p AND \"Kind\" = '{JournalKind.BookmarkResumed}'", id));
                Assert.Equal(0L, await ScalarAsync(db, "SELECT COUNT(*) FROM timers WHERE \"InstanceId\" = @p", id));
            }

        // And the restarted host serves the member as before.
        var token = await TokenAsync(second.Origin, Staff);
        using var http = Client(second.Origin, token);
        var mine = await http.GetJsonAsync("/api/requests?pageSize=100");
        Assert.True((int)mine["total"]! >= acknowledged.Starts.Count, mine.ToJsonString());
    }

    /// <summary>Starts leave requests and waiting flows one after the other until stopped or the host is gone.</summary>
    private static async Task StartRequestsAsync(string origin, string token, string worker, Acknowledged acknowledged, CancellationToken stop)
    {
        using var http = Client(origin, token);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var reason = $"crash-{worker}-{n}";
            var definitionId = n % 2 == 0 ? OfficeHost.LeaveFlowId : BuiltHost.DelayFlowId;
            acknowledged.Sent.Add(reason);
            try
            {
                using var response = await http.PostAsJsonAsync("/api/requests", new { definitionId, input = Input(definitionId, reason) }, Ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    acknowledged.Stopped.Enqueue($"start {reason}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    return;
                }
                acknowledged.Starts[reason] = (string)(await response.Content.ReadFromJsonAsync<JsonNode>(Ct))!["id"]!;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                acknowledged.Stopped.Enqueue(e.GetType().Name + ": " + e.Message);
                return;
            }
        }
    }

    private static JsonObject Input(string definitionId, string reason) =>
        definitionId == OfficeHost.LeaveFlowId ? new JsonObject { ["reason"] = reason, ["days"] = 1 } : new JsonObject { ["reason"] = reason };

    /// <summary>The chief approves whatever reaches his to-do list until stopped or the host is gone.</summary>
    private static async Task ApproveAsync(string origin, string token, Acknowledged acknowledged, CancellationToken stop)
    {
        using var http = Client(origin, token);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var todo = await http.GetAsync("/api/tasks/todo?pageSize=20", Ct);
                if (todo.StatusCode != HttpStatusCode.OK)
                {
                    acknowledged.Stopped.Enqueue($"todo: {(int)todo.StatusCode} {await todo.Content.ReadAsStringAsync(Ct)}");
                    return;
                }
                foreach (var task in (await todo.Content.ReadFromJsonAsync<JsonNode>(Ct))!["items"].Items())
                {
                    var taskId = (string)task["id"]!;
                    using var approved = await http.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { comment = "同意" }, Ct);
                    if (approved.StatusCode == HttpStatusCode.OK) acknowledged.Approvals[taskId] = (string)task["instanceId"]!;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                acknowledged.Stopped.Enqueue(e.GetType().Name + ": " + e.Message);
                return;
            }
        }
    }

    private sealed record StoredCase(string Id, string DefinitionId, string Reason);

    /// <summary>The test's cases as stored (the start form's reason tells them apart).</summary>
    private static async Task<List<StoredCase>> ReadCasesAsync(HostFolder folder)
    {
        await using var db = await OpenAsync(folder);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT \"Id\", \"DefinitionId\", \"StateJson\" FROM instances";
        var cases = new List<StoredCase>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var reason = (string?)InstanceState.Deserialize(reader.GetString(2)).Input["reason"];
            if (reason?.StartsWith("crash-", StringComparison.Ordinal) == true) cases.Add(new(reader.GetString(0), reader.GetString(1), reason));
        }
        return cases;
    }

    /// <summary>How many of <paramref name="cases"/> have not ended with <paramref name="result"/>.</summary>
    private static async Task<int> CountAsync(HostFolder folder, IEnumerable<StoredCase> cases, string result)
    {
        await using var db = await OpenAsync(folder);
        var count = 0;
        foreach (var c in cases)
            if ((string?)await ScalarAsync(db, "SELECT \"Result\" FROM instances WHERE \"Id\" = @p", c.Id) != result) count++;
        return count;
    }

    private static async Task<SqliteConnection> OpenAsync(HostFolder folder)
    {
        // Not pooled: the file must not stay open between the hosts (and a test that only reads still opens it
        // read-write, so SQLite can take over the write-ahead log the killed host left behind).
        var db = new SqliteConnection(folder.ConnectionString + ";Pooling=False");
        await db.OpenAsync(Ct);
        return db;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection db, string sql, string parameter)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("@p", parameter);
        var value = await cmd.ExecuteScalarAsync(Ct);
        return value is DBNull ? null : value;
    }

    private static async Task<string> TokenAsync(string origin, string login)
    {
        using var browser = new SignIn.Browser();
        var tokens = await browser.CodeFlowTokensAsync(origin, login);
        return (string?)tokens["access_token"] ?? throw new InvalidOperationException($"no token for {login}: {tokens}");
    }

    private static HttpClient Client(string origin, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(origin) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => WaitUntilAsync(condition, () => what);

    /// <summary>Waits on a condition (checked every 100 ms); the bound only keeps a broken run from hanging.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await condition()) return;
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"gave up waiting for {what()}");
    }
}
