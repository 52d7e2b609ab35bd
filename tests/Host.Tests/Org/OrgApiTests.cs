using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Approvals.Host.Tests.Org;

/// <summary>
/// The host in Development on a throw-away database (SQLite, or PostgreSQL on a PostgreSQL run), seeded from the repository's demo office; callers are
/// named with the <c>X-Acting-User</c> header.
/// </summary>
public sealed class OrgHostFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "approvals-org-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Host settings: Program.cs reads paths and storage before the app is built.
        builder.UseSetting("Storage:Provider", TestStorage.Provider);
        builder.UseSetting("Storage:ConnectionString", TestStorage.ConnectionStringFor(Path.Combine(_dir, "a.db")));
        builder.UseSetting("Paths:Data", Path.Combine(_dir, "data"));
        builder.UseSetting("Paths:Logs", Path.Combine(_dir, "logs"));
        builder.UseSetting("Paths:Workflows", Path.Combine(RepositoryRoot(), "workflows"));
        builder.UseSetting("Auth:AllowDevHeader", "true");
    }

    /// <summary>A request as <paramref name="user"/> (none: anonymous).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? user, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (user is not null) request.Headers.Add("X-Acting-User", user);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        throw new InvalidOperationException("Approvals.sln not found above the test output folder");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestStorage.Drop(Path.Combine(_dir, "a.db"));
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class OrgApiTests(OrgHostFactory host) : IClassFixture<OrgHostFactory>
{
    private const string Header = "id,name,section,position,title,email,mobile,isAdmin,active";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private Task<HttpResponseMessage> Get(string url, string? user) => host.SendAsync(HttpMethod.Get, url, user);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Without_an_acting_user_the_caller_is_not_signed_in()
    {
        var problem = await JsonAsync(await Get("/api/org", null), HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", (string?)problem["code"]);
        problem = await JsonAsync(await Get("/api/org", "stranger"), HttpStatusCode.Forbidden);
        Assert.Equal("unknown-user", (string?)problem["code"]);
    }

    [Fact]
    public async Task A_member_of_staff_reads_the_organisation()
    {
        var org = await JsonAsync(await Get("/api/org", "liuyang"), HttpStatusCode.OK);
        var sections = org["sections"]!.AsArray();
        Assert.Equal(9, sections.Count);
        var secretariat = sections.Single(s => (string?)s!["id"] == "secretariat")!;
        Assert.Equal(("秘书科", "wangjing", "王静", "liguoqiang", "李国强"),
            ((string?)secretariat["name"]!["zh-CN"], (string?)secretariat["chiefId"], (string?)secretariat["chiefName"],
             (string?)secretariat["deputyDirectorId"], (string?)secretariat["deputyDirectorName"]));
        Assert.InRange(org["users"]!.AsArray().Count, 30, 36);
        var admin = org["users"]!.AsArray().Single(u => (string?)u!["id"] == "admin")!;
        Assert.Equal(("information", "Staff", true), ((string?)admin["sectionId"], (string?)admin["position"], (bool)admin["isAdmin"]!));
        var committee = org["groups"]!.AsArray().Single(g => (string?)g!["id"] == "state-asset-committee")!;
        Assert.Equal(5, committee["members"]!.AsArray().Count);

        var me = await JsonAsync(await Get("/api/org/users/liuyang", "liuyang"), HttpStatusCode.OK);
        Assert.Equal(("刘洋", "wangjing", "liguoqiang"), ((string?)me["user"]!["name"], (string?)me["chiefId"], (string?)me["deputyDirectorId"]));
        Assert.Equal(9, (await JsonAsync(await Get("/api/org/sections", "liuyang"), HttpStatusCode.OK)).AsArray().Count);
        Assert.Single((await JsonAsync(await Get("/api/org/groups", "liuyang"), HttpStatusCode.OK)).AsArray());
        var missing = await JsonAsync(await Get("/api/org/users/nobody", "liuyang"), HttpStatusCode.NotFound);
        Assert.Equal("user-not-found", (string?)missing["code"]);
    }

    [Fact]
    public async Task Only_an_admin_may_import()
    {
        // An id no other test imports, so the outcome does not depend on the order tests run in.
        var response = await host.SendAsync(HttpMethod.Post, "/api/org/import", "liuyang", Csv(Header + "\nzhaoxin,赵欣,secretariat,Staff,科员,,,,\n"));
        Assert.Equal("admin-only", (string?)(await JsonAsync(response, HttpStatusCode.Forbidden))["code"]);
        await JsonAsync(await Get("/api/org/users/zhaoxin", "liuyang"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_import_with_an_error_is_refused_with_every_problem_and_its_line()
    {
        var csv = Header + "\n"
                  + "qianfang,钱芳,secretariat,Staff,\"科员,兼保密员\",,,,\n"
                  + "zhoujie,周杰,general,Boss,科员,,,,\n"
                  + "xuli,徐丽,nowhere,Staff,科员,,,,\n";
        var problem = await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/import", "admin", Csv(csv)), HttpStatusCode.BadRequest);
        Assert.Equal("org-invalid", (string?)problem["code"]);
        var messages = problem["problems"]!.AsArray().Select(p => (string?)p!["messageEn"]).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m!.StartsWith("line 3: position 'Boss' is not valid"));
        Assert.Contains(messages, m => m!.StartsWith("line 4: section 'nowhere' does not exist"));
        Assert.All(problem["problems"]!.AsArray(), p => Assert.StartsWith("第 ", (string?)p!["messageZh"]));
        await JsonAsync(await Get("/api/org/users/qianfang", "admin"), HttpStatusCode.NotFound);

        // The same rows without the mistakes go in; the answer counts them.
        var fixedCsv = Header + "\nqianfang,钱芳,secretariat,Staff,\"科员,兼保密员\",,,,\nzhoujie,周杰,general,Staff,科员,,,,\n";
        var counts = await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/import", "admin", Csv(fixedCsv)), HttpStatusCode.OK);
        Assert.Equal((2, 0), ((int)counts["users"]!["added"]!, (int)counts["users"]!["updated"]!));
        var qianfang = await JsonAsync(await Get("/api/org/users/qianfang", "liuyang"), HttpStatusCode.OK);
        Assert.Equal(("科员,兼保密员", "wangjing"), ((string?)qianfang["user"]!["title"], (string?)qianfang["chiefId"]));

        var json = new StringContent("{ \"users\": [ { \"id\": \"qianfang\", \"name\": \"钱芳\", \"section\": \"secretariat\", \"position\": \"DeputyChief\" } ] }",
            Encoding.UTF8, "application/json");
        counts = await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/import", "admin", json), HttpStatusCode.OK);
        Assert.Equal(1, (int)counts["users"]!["updated"]!);

        var wrongType = await host.SendAsync(HttpMethod.Post, "/api/org/import", "admin", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal("unsupported-content-type", (string?)(await JsonAsync(wrongType, HttpStatusCode.BadRequest))["code"]);
    }

    [Fact]
    public async Task Out_of_office_is_set_listed_and_deleted_by_its_owner_or_an_admin()
    {
        var body = JsonContent.Create(new { from = "2026-12-01T08:40:00+08:00", to = "2026-12-03T17:30:00+08:00", delegateId = "chenxiaoyu", reason = "年休假" });
        var created = await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/out-of-office", "hulina", body), HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.Equal(("hulina", "胡丽娜", "chenxiaoyu", "陈晓宇", "2026-12-01T00:40:00Z"),
            ((string?)created["userId"], (string?)created["userName"], (string?)created["delegateId"], (string?)created["delegateName"], (string?)created["from"]));

        var mine = await JsonAsync(await Get("/api/org/out-of-office", "hulina"), HttpStatusCode.OK);
        Assert.Equal([id], mine.AsArray().Select(o => (string?)o!["id"]));
        Assert.Empty((await JsonAsync(await Get("/api/org/out-of-office", "liuyang"), HttpStatusCode.OK)).AsArray());
        await JsonAsync(await Get("/api/org/out-of-office?userId=hulina", "liuyang"), HttpStatusCode.Forbidden);
        Assert.Single((await JsonAsync(await Get("/api/org/out-of-office?userId=hulina", "admin"), HttpStatusCode.OK)).AsArray());

        // Someone else's period is not found, worded exactly as one that does not exist.
        var notYours = await JsonAsync(await host.SendAsync(HttpMethod.Delete, $"/api/org/out-of-office/{id}", "liuyang"), HttpStatusCode.NotFound);
        var missing = await JsonAsync(await host.SendAsync(HttpMethod.Delete, $"/api/org/out-of-office/{Guid.NewGuid():N}", "liuyang"), HttpStatusCode.NotFound);
        Assert.Equal(("out-of-office-not-found", (string?)missing["title"]), ((string?)notYours["code"], (string?)notYours["title"]));
        await JsonAsync(await host.SendAsync(HttpMethod.Delete, $"/api/org/out-of-office/{id}", "hulina"), HttpStatusCode.NoContent);
        Assert.Empty((await JsonAsync(await Get("/api/org/out-of-office", "hulina"), HttpStatusCode.OK)).AsArray());
        await JsonAsync(await host.SendAsync(HttpMethod.Delete, $"/api/org/out-of-office/{id}", "hulina"), HttpStatusCode.NotFound);

        // An admin may set and remove someone else's period.
        body = JsonContent.Create(new { userId = "hulina", from = "2026-12-01T00:00:00Z", to = "2026-12-02T00:00:00Z", delegateId = "liuyang" });
        id = (string)(await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/out-of-office", "admin", body), HttpStatusCode.Created))["id"]!;
        await JsonAsync(await host.SendAsync(HttpMethod.Delete, $"/api/org/out-of-office/{id}", "admin"), HttpStatusCode.NoContent);
        body = JsonContent.Create(new { userId = "hulina", from = "2026-12-01T00:00:00Z", to = "2026-12-02T00:00:00Z", delegateId = "liuyang" });
        await JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/org/out-of-office", "chenxiaoyu", body), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{ "from": "2026-12-03T08:40:00+08:00", "to": "2026-12-01T08:40:00+08:00", "delegateId": "chenxiaoyu" }""", "bad-period")]
    [InlineData("""{ "from": "2026-12-01T08:40:00", "to": "2026-12-03T08:40:00+08:00", "delegateId": "chenxiaoyu" }""", "bad-time")]
    [InlineData("""{ "to": "2026-12-03T08:40:00+08:00", "delegateId": "chenxiaoyu" }""", "missing-time")]
    [InlineData("""{ "from": "2026-12-01T08:40:00+08:00", "to": "2026-12-03T08:40:00+08:00" }""", "missing-delegate")]
    [InlineData("""{ "from": "2026-12-01T08:40:00+08:00", "to": "2026-12-03T08:40:00+08:00", "delegateId": "luoxin" }""", "self-delegate")]
    [InlineData("""{ "from": "2026-12-01T08:40:00+08:00", "to": "2026-12-03T08:40:00+08:00", "delegateId": "nobody" }""", "unknown-delegate")]
    [InlineData("""{ "from": 5, "to": "2026-12-03T08:40:00+08:00", "delegateId": "hejian" }""", "bad-field")]
    public async Task A_bad_out_of_office_request_is_a_400_with_its_reason(string json, string code)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/org/out-of-office", "luoxin", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(code, (string?)(await JsonAsync(response, HttpStatusCode.BadRequest))["code"]);
    }
}
