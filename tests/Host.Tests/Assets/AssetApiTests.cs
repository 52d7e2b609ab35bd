using System.Text;

namespace Approvals.Host.Tests.Assets;

/// <summary>
/// <c>/api/assets</c> and the asset-transfer flow over real HTTP: the host seeds the demo office and, through
/// its hosted service, the demo register from its copy of <c>workflows/</c>. Callers are named by X-Acting-User.
/// </summary>
public sealed class AssetApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Header = "code,name,category,section,location,value,status";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? user, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (user is not null) request.Headers.Add(HostFactory.ActingUserHeader, user);
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Remove(HostFactory.ActingUserHeader);
        return await client.SendAsync(request, Api.Ct);
    }

    private async Task<JsonNode> GetAsync(string url, string user = "yangfan") => await (await SendAsync(HttpMethod.Get, url, user)).JsonAsync();

    private async Task<JsonNode> PostAsync(string url, string user, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await SendAsync(HttpMethod.Post, url, user, JsonContent.Create(body))).JsonAsync(expected);

    [Fact]
    public async Task Any_member_reads_the_seeded_register_with_filters()
    {
        var all = await GetAsync("/api/assets?pageSize=100");
        Assert.InRange((int)all["total"]!, 20, 30);
        var finance = await GetAsync("/api/assets?section=finance&status=在用");
        Assert.All(finance["items"]!.AsArray(), a =>
        {
            Assert.Equal("finance", (string?)a!["sectionId"]);
            Assert.Equal("财务科", (string?)a["sectionName"]!["zh-CN"]);
            Assert.Equal("在用", (string?)a["statusName"]!["zh-CN"]);
        });
        Assert.Contains("台式电脑", (await GetAsync("/api/assets/categories")).AsArray().Select(c => (string?)c));
        await (await SendAsync(HttpMethod.Get, "/api/assets", null)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await SendAsync(HttpMethod.Get, "/api/assets?status=broken", "yangfan")).ProblemAsync(HttpStatusCode.BadRequest, "bad-status");
        await (await SendAsync(HttpMethod.Get, "/api/assets/ZC-0000-0000", "yangfan")).ProblemAsync(HttpStatusCode.NotFound, "asset-not-found");
    }

    [Fact]
    public async Task Only_an_admin_imports_and_a_bad_file_names_its_lines()
    {
        var csv = $"{Header}\nZC-2026-0201,得力考勤机,办公设备,hr,人事科,399,\nZC-2026-0202,扫描仪,办公设备,后勤科,,1200,\n";
        await (await SendAsync(HttpMethod.Post, "/api/assets/import", "yangfan", Api.Raw(csv, "text/csv"))).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        var problem = await (await SendAsync(HttpMethod.Post, "/api/assets/import", "admin", Api.Raw(csv, "text/csv"))).ProblemAsync(HttpStatusCode.BadRequest, "assets-invalid");
        Assert.StartsWith("第 3 行", (string?)Assert.Single(problem["problems"]!.AsArray())!["messageZh"]);
        await (await SendAsync(HttpMethod.Post, "/api/assets/import", "admin", Api.Raw("{}"))).ProblemAsync(HttpStatusCode.BadRequest, "unsupported-content-type");

        var ok = await (await SendAsync(HttpMethod.Post, "/api/assets/import", "admin",
            new StringContent($"{Header}\nZC-2026-0201,得力考勤机,办公设备,hr,人事科,399,\n", Encoding.UTF8, "text/csv"))).JsonAsync();
        Assert.Equal(1, (int)ok["added"]!);
        Assert.Equal("人事科", (string?)(await GetAsync("/api/assets/ZC-2026-0201"))["asset"]!["sectionName"]!["zh-CN"]);
    }

    [Fact]
    public async Task A_transfer_runs_end_to_end_through_the_api()
    {
        const string code = "ZC-2023-0011";
        var started = await PostAsync("/api/requests", "huangli", new
        {
            definitionId = "asset-transfer",
            input = new { assetCode = code, fromSection = "general", toSection = "secretariat", reason = "秘书科新进人员需要电脑" },
        }, HttpStatusCode.Created);
        var instanceId = (string)started["id"]!;
        Assert.Equal("InTransfer", (string?)(await GetAsync($"/api/assets/{code}"))["asset"]!["status"]);

        var second = await SendAsync(HttpMethod.Post, "/api/requests", "xuhao", JsonContent.Create(new
        {
            definitionId = "asset-transfer",
            input = new { assetCode = code, fromSection = "general", toSection = "hr", reason = "人事科需要" },
        }));
        await second.ProblemAsync(HttpStatusCode.Conflict, "asset-in-transfer");

        async Task<string> TaskOfAsync(string user, string activityId) =>
            (string)(await GetAsync($"/api/tasks/todo?definitionId=asset-transfer", user))["items"]!.AsArray()
                .Single(t => (string?)t!["instanceId"] == instanceId && (string?)t["activityId"] == activityId)!["id"]!;

        await PostAsync($"/api/tasks/{await TaskOfAsync("zhangwei", "chiefConfirm")}/approve", "zhangwei", new { comment = "同意调出" });
        foreach (var member in new[] { "zhaozhiyuan", "gaoming", "guoliping" })
            await PostAsync($"/api/tasks/{await TaskOfAsync(member, "committeeVote")}/approve", member, new { comment = "同意" });
        var filing = await TaskOfAsync("hanxue", "financeFiling");
        await PostAsync($"/api/tasks/{filing}/claim", "hanxue", new { });
        await PostAsync($"/api/tasks/{filing}/approve", "hanxue", new { comment = "已备案", data = new { filingNo = "财资备〔2026〕21号" } });

        var details = await GetAsync($"/api/assets/{code}");
        Assert.Equal(("secretariat", "InUse"), ((string?)details["asset"]!["sectionId"], (string?)details["asset"]!["status"]));
        var move = Assert.Single(details["moves"]!.AsArray())!;
        Assert.Equal((instanceId, "财资备〔2026〕21号", "秘书科"), ((string?)move["instanceId"], (string?)move["filingNo"], (string?)move["toSectionName"]!["zh-CN"]));
        Assert.Equal(3, move["approvedBy"]!.AsArray().Count);
        Assert.Equal("Approved", (string?)(await GetAsync($"/api/requests/{instanceId}", "huangli"))["case"]!["result"]);
    }
}
