using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Deploy.TwoHosts;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// Two hosts on one PostgreSQL database behind a load balancer (<see cref="TwoHosts"/>): both come up when started
/// together on an empty database, set it up once, share their keys, their attachments and their work. Skipped without
/// <c>APPROVALS_TEST_POSTGRES</c>.
/// </summary>
[Collection(TwoHostCollection.Name)]
public sealed class TwoHostTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task Started_together_on_an_empty_database_both_come_up_and_the_startup_step_ran_once()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        // One waited for the other's startup step (migrations, seeding, flows, keys, client registration).
        Assert.Single(hosts.Hosts, h => h.Output.Contains("Another host is starting on this database"));
        Assert.All(hosts.Hosts, h => Assert.Contains("client approvals-web registered", h.Output));

        Assert.Equal(9L, await hosts.ScalarAsync<long>("SELECT count(*) FROM sections"));
        Assert.Equal(1L, await hosts.ScalarAsync<long>("SELECT count(*) FROM openiddict_applications WHERE \"ClientId\" = 'approvals-web'"));
        Assert.Equal(1L, await hosts.ScalarAsync<long>($"SELECT count(*) FROM definition_versions WHERE \"DefinitionId\" = '{LeaveFlowId}'"));
        Assert.Equal(1L, await hosts.ScalarAsync<long>("SELECT count(*) FROM shared_keys WHERE \"Name\" LIKE 'data-protection:%'"));
        Assert.Equal(1L, await hosts.ScalarAsync<long>("SELECT count(*) FROM shared_keys WHERE \"Name\" = 'provider:signing'"));

        // Both publish the one signing key, under the one issuer.
        using var http = new HttpClient();
        var keys = new List<string>();
        foreach (var host in hosts.Hosts)
        {
            var discovery = await http.GetJsonAsync(host.Origin + "/.well-known/openid-configuration");
            Assert.Equal(hosts.Proxy.Origin + "/", (string?)discovery["issuer"]);
            keys.Add((await http.GetJsonAsync(host.Origin + "/.well-known/jwks"))["keys"]!.ToJsonString());
        }
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Two_more_hosts_started_together_on_the_existing_database_come_up_and_both_are_registered_for_sign_in()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var more = await Task.WhenAll(hosts.StartAnotherAsync(), hosts.StartAnotherAsync());
        try
        {
            var redirects = await hosts.ScalarAsync<string>("SELECT \"RedirectUris\" FROM openiddict_applications WHERE \"ClientId\" = 'approvals-web'");
            foreach (var host in hosts.Hosts.Concat(more)) Assert.Contains(host.Origin + "/signin-oidc", redirects);
            Assert.Equal(1L, await hosts.ScalarAsync<long>("SELECT count(*) FROM shared_keys WHERE \"Name\" LIKE 'data-protection:%'"));
            Assert.Equal(9L, await hosts.ScalarAsync<long>("SELECT count(*) FROM sections"));
            Assert.All(more, h => Assert.DoesNotContain("Organisation seeded", h.Output));
        }
        finally
        {
            foreach (var host in more) await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bearer_token_and_a_cookie_from_one_host_work_on_the_other()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        foreach (var (from, to) in new[] { (hosts.A, hosts.B), (hosts.B, hosts.A) })
        {
            // Everything behind the public origin goes to `from`: the token and the session are made there.
            hosts.Proxy.Route(from.Origin);
            try
            {
                var token = await hosts.TokenAsync(Staff);
                using var api = Client(to, token);
                var counts = await api.GetAsync("/api/tasks/counts", Ct);
                Assert.True(counts.StatusCode == HttpStatusCode.OK, $"a token from {from.Origin} at {to.Origin}: {(int)counts.StatusCode} {await counts.Content.ReadAsStringAsync(Ct)}");

                using var browser = new SignIn.Browser();
                await SignIn.SignInFlows.SignInAsync(browser, hosts.Proxy.Origin, Staff);
                var session = browser.Cookies.GetAllCookies().Single(c => c.Name == ".approvals.session");
                using var plain = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
                using var request = new HttpRequestMessage(HttpMethod.Get, to.Origin + "/account");
                request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
                var account = await plain.SendAsync(request, Ct);
                var body = await account.Content.ReadAsStringAsync(Ct);
                Assert.True(account.StatusCode == HttpStatusCode.OK, $"a cookie from {from.Origin} at {to.Origin}: {(int)account.StatusCode} {body}");
                Assert.Contains(StaffName, body);
            }
            finally
            {
                hosts.Proxy.Route(hosts.A.Origin, hosts.B.Origin);
            }
        }
    }

    [Fact]
    public async Task Signing_in_through_the_load_balancer_works_when_each_request_goes_to_the_other_host()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        // Round robin: the login form, its antiforgery token, the correlation cookie and the code cross the two hosts.
        using var browser = new SignIn.Browser();
        var account = await SignIn.SignInFlows.SignInAsync(browser, hosts.Proxy.Origin, Staff);
        Assert.Equal(hosts.Proxy.Origin + "/account", account.Url.GetLeftPart(UriPartial.Path));
        Assert.Contains(StaffName, account.Body);
    }

    [Fact]
    public async Task Cases_started_on_one_host_are_approved_on_the_other_alternately()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var (staffToken, chiefToken) = (await hosts.TokenAsync(Staff), await hosts.TokenAsync(Chief));
        var ids = new List<string>();
        for (var n = 0; n < 10; n++)
        {
            using var staff = Client(hosts.Hosts[n % 2], staffToken);
            using var chief = Client(hosts.Hosts[(n + 1) % 2], chiefToken);
            var id = await staff.StartLeaveAsync($"两台主机 #{n}", 1 + n % 3, LeaveFlowId);
            var task = (string)(await chief.TodoTaskAsync(id))["id"]!;
            await (await chief.ActAsync(task, "approve", new { comment = $"同意 #{n}" })).JsonAsync();
            ids.Add(id);
        }
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            using var staff = Client(hosts.Hosts[n % 2], staffToken);
            var view = await staff.CaseAsync(id);
            Assert.Equal(("Finished", "Approved"), ((string?)view["case"]!["status"], (string?)view["case"]!["result"]));
            Assert.Single(view["timeline"].Items(), h => (string?)h["action"] == "Approved" && (string?)h["comment"] == $"同意 #{n}");
        }
    }

    [Fact]
    public async Task Twenty_concurrent_approvals_of_one_task_across_both_hosts_give_one_200_and_409s()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var (staffToken, chiefToken) = (await hosts.TokenAsync(Staff), await hosts.TokenAsync(Chief));
        using var staff = Client(hosts.A, staffToken);
        var id = await staff.StartLeaveAsync("二十人同时审批", 2, LeaveFlowId);
        var chiefs = hosts.Hosts.Select(h => Client(h, chiefToken)).ToArray();
        var task = (string)(await chiefs[0].TodoTaskAsync(id))["id"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => chiefs[n % 2].ActAsync(task, "approve", new { comment = $"同意 #{n}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await response.ProblemAsync(HttpStatusCode.Conflict, "task-done");
        var view = await staff.CaseAsync(id);
        Assert.Equal("Approved", (string?)view["case"]!["result"]);
        Assert.Single(view["timeline"].Items(), h => (string?)h["action"] == "Approved");
        foreach (var chief in chiefs) chief.Dispose();
    }

    [Fact]
    public async Task Two_hundred_one_second_delays_fire_exactly_once_across_both_hosts()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var token = await hosts.TokenAsync(Staff);
        var clients = hosts.Hosts.Select(h => Client(h, token)).ToArray();
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, 200).Chunk(10))
            ids.AddRange(await Task.WhenAll(batch.Select(n => StartTickAsync(clients[n % 2]))));
        foreach (var client in clients) client.Dispose();
        var idList = ids.ToArray();

        await WaitUntilAsync(
            async () => await hosts.ScalarAsync<long>("SELECT count(*) FROM instances WHERE \"Id\" = ANY(@ids) AND \"Status\" = 'Finished'", ("ids", idList)) == 200,
            async () => $"not every delay fired: {await hosts.ScalarAsync<long>("SELECT count(*) FROM instances WHERE \"Id\" = ANY(@ids) AND \"Status\" = 'Finished'", ("ids", idList))} of 200 finished");

        Assert.Equal(0L, await hosts.ScalarAsync<long>("SELECT count(*) FROM timers WHERE \"InstanceId\" = ANY(@ids)", ("ids", idList)));
        var resumed = await hosts.RowsAsync<string, long>(
            "SELECT \"InstanceId\", count(*) FROM journal WHERE \"InstanceId\" = ANY(@ids) AND \"Kind\" = 'BookmarkResumed' GROUP BY \"InstanceId\"", ("ids", idList));
        Assert.Equal(200, resumed.Count);
        Assert.All(resumed, r => Assert.Equal(1L, r.Item2));
        Assert.Equal(200L, await hosts.ScalarAsync<long>(
            "SELECT count(*) FROM journal WHERE \"InstanceId\" = ANY(@ids) AND \"Kind\" = 'InstanceFinished'", ("ids", idList)));
    }

    [Fact]
    public async Task An_attachment_uploaded_through_one_host_is_served_by_the_other_with_its_own_data_folder()
    {
        Assert.SkipUnless(PostgresServer.Configured, PostgresServer.SkipReason);
        var token = await hosts.TokenAsync(Staff);
        using var a = Client(hosts.A, token);
        using var b = Client(hosts.B, token);
        var id = await a.StartLeaveAsync("带附件", 1, LeaveFlowId);
        var bytes = Uploads.Pdf("两台主机");
        var uploaded = await (await a.UploadAsync(id, "证明.pdf", bytes)).JsonAsync();

        var download = await b.GetAsync($"/api/attachments/{uploaded["id"]}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(File.Exists(Path.Combine(hosts.SharedAttachments, (string)uploaded["id"]!)), "the file is in the shared Paths:Attachments folder");
    }
}

/// <summary>The several-host tests run one class at a time: each starts two hosts of its own.</summary>
[CollectionDefinition(Name)]
public sealed class TwoHostCollection
{
    public const string Name = "two hosts on PostgreSQL";
}
