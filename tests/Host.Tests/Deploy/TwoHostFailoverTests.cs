using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Deploy.TwoHosts;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// One of two hosts on PostgreSQL killed (SIGKILL) in the middle of a load of one-second Delay cases: every case a host
/// acknowledged is there and finishes once, none twice, and the timers the dead host had picked up fire on the other
/// once their lease has run out. Skipped without <c>APPROVALS_TEST_POSTGRES</c>.
/// </summary>
[Collection(TwoHostCollection.Name)]
public sealed class TwoHostFailoverTests(FailoverHosts hosts) : IClassFixture<FailoverHosts>
{
    private const string Finished = "SELECT count(*) FROM instances WHERE \"Id\" = ANY(@ids) AND \"Status\" = 'Finished'";

    [Fact]
    public async Task A_host_killed_mid_load_loses_nothing_acknowledged_duplicates_nothing_and_its_timers_fire_on_the_other()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var token = await hosts.TokenAsync(Staff);
        using var a = Client(hosts.A, token);
        using var b = Client(hosts.B, token);
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = 0;
        using var stop = new CancellationTokenSource();

        // Two callers per host keep starting cases; a start that fails (the host is gone) is simply not acknowledged.
        async Task LoadAsync(HttpClient client)
        {
            while (!stop.IsCancellationRequested)
            {
                try { acknowledged.Add(await StartTickAsync(client)); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref refused); await Task.Delay(50, Ct); }
            }
        }
        var load = new[] { a, a, b, b }.Select(c => Task.Run(() => LoadAsync(c), Ct)).ToArray();

        // The moment: host A is frozen when it holds leases on timers it has not fired yet, then killed.
        var ownerOfA = $"%:{hosts.A.ProcessId}:%";
        List<(string Instance, DateTime LeaseUntil)> heldByA = [];
        for (var attempt = 0; attempt < 2000 && heldByA.Count == 0; attempt++)
        {
            if (acknowledged.Count < 40) { await Task.Delay(50, Ct); continue; }
            Signal(hosts.A, stop: true);
            heldByA = await hosts.RowsAsync<string, DateTime>(
                "SELECT \"InstanceId\", \"LeaseUntil\" FROM timers WHERE \"LeaseOwner\" LIKE @owner AND \"LeaseUntil\" > now()", ("owner", ownerOfA));
            if (heldByA.Count == 0) { Signal(hosts.A, stop: false); await Task.Delay(20, Ct); }
        }
        Assert.True(heldByA.Count > 0, "host A never held a timer lease during the load");
        await hosts.A.DisposeAsync();
        hosts.Proxy.Route(hosts.B.Origin);

        // The load goes on against B alone for a while, then stops.
        var afterKill = acknowledged.Count;
        await WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= afterKill + 40), () => Task.FromResult($"B acknowledged only {acknowledged.Count - afterKill} starts after A was killed"));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var ids = acknowledged.ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{ids.Length} starts acknowledged ({afterKill} before the kill), {refused} refused; A held {heldByA.Count} timer leases when killed");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        await WaitUntilAsync(async () => await hosts.ScalarAsync<long>(Finished, ("ids", ids)) == ids.Length,
            async () => $"{await hosts.ScalarAsync<long>(Finished, ("ids", ids))} of {ids.Length} acknowledged cases finished");

        // Nothing acknowledged lost, nothing run twice: every case has one start, one wake-up and one end.
        foreach (var kind in new[] { "InstanceStarted", "BookmarkResumed", "InstanceFinished" })
        {
            var counts = await hosts.RowsAsync<string, long>(
                "SELECT \"InstanceId\", count(*) FROM journal WHERE \"InstanceId\" = ANY(@ids) AND \"Kind\" = @kind GROUP BY \"InstanceId\"", ("ids", ids), ("kind", kind));
            Assert.True(counts.Count == ids.Length, $"{kind}: {counts.Count} of {ids.Length} cases");
            Assert.All(counts, c => Assert.True(c.Item2 == 1, $"{kind} {c.Item2} times for {c.Item1}"));
        }
        // Cases A committed but could not acknowledge before it died are there too, and were run once as well.
        Assert.Equal(0L, await hosts.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT \"InstanceId\" FROM journal j JOIN instances i ON i.\"Id\" = j.\"InstanceId\" " +
            "WHERE i.\"DefinitionId\" = @flow AND j.\"Kind\" = 'BookmarkResumed' GROUP BY \"InstanceId\" HAVING count(*) > 1) twice", ("flow", TickFlowId)));
        Assert.Equal(0L, await hosts.ScalarAsync<long>("SELECT count(*) FROM timers"));

        // A's leased timers were fired by B, and only after the lease A held had run out.
        foreach (var (instance, leaseUntil) in heldByA)
        {
            var woke = await hosts.ScalarAsync<DateTime>(
                "SELECT \"At\" FROM journal WHERE \"InstanceId\" = @id AND \"Kind\" = 'BookmarkResumed'", ("id", instance));
            Assert.True(woke >= leaseUntil, $"{instance} woke at {woke:O}, before A's lease ran out at {leaseUntil:O}");
        }
    }
}
