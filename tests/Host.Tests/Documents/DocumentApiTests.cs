using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Documents;

/// <summary>公文签发 through the HTTP API on the host's startup-loaded flow and demo office; the numbers and case-owner lists.</summary>
public sealed class DocumentApiTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static object Draft(bool figuresChecked = true) => new
    {
        definitionId = "document-signoff",
        input = new Dictionary<string, object?>
        {
            ["title"] = "关于开展2026年度机关档案整理工作的通知",
            ["docType"] = "notice",
            ["series"] = "区政办发",
            ["body"] = "各科室于11月底前完成本科室2026年度文书档案整理，共涉及9个科室。",
            ["figuresChecked"] = figuresChecked ? "checked" : null,
        },
    };

    [Fact]
    public async Task A_draft_is_submitted_reviewed_signed_issued_with_a_number_and_archived_through_the_api()
    {
        var started = await (await SendAsync(HttpMethod.Post, "/api/requests", "yangfan", Draft())).JsonAsync(HttpStatusCode.Created);
        var id = (string)started["id"]!;

        foreach (var step in new[] { "chiefReview", "deputyReview", "directorSign", "issue", "archive" })
        {
            var current = Assert.Single((await GetAsync($"/api/requests/{id}", "yangfan"))["case"]!["currentSteps"].Items());
            Assert.Equal(step, (string?)current["activityId"]);
            var assignee = (string)Assert.Single(current["assignees"].Items())!;
            var todo = await GetAsync("/api/tasks/todo?definitionId=document-signoff&pageSize=100", assignee);
            var task = todo["items"].Items().Single(t => (string?)t["instanceId"] == id);
            await (await SendAsync(HttpMethod.Post, $"/api/tasks/{(string)task["id"]!}/approve", assignee, new { comment = "同意" })).JsonAsync();
        }

        var done = await GetAsync($"/api/requests/{id}", "yangfan");
        Assert.Equal(("Finished", "Issued"), ((string?)done["case"]!["status"], (string?)done["case"]!["result"]));
        var timeline = done["timeline"].Items().Select(r => (string)r["action"]!).ToList();
        Assert.Contains("CaseOwnerSet", timeline);
        var numbered = done["timeline"].Items().Single(r => (string?)r["action"] == "DocumentNumberAssigned");
        Assert.Matches(@"区政办发〔\d{4}〕\d+号", (string?)numbered["comment"]);

        var numbers = await GetAsync("/api/documents/numbers", "yangfan");
        var counter = numbers["items"].Items().Single(c => (string?)c["series"] == "区政办发");
        Assert.Contains((string)counter["lastDocNo"]!, (string?)numbered["comment"]);

        var mine = await GetAsync("/api/cases/owners?open=false", "yangfan");
        var item = mine["items"].Items().Single(c => (string?)c["instanceId"] == id);
        Assert.Equal(("yangfan", "杨帆"), ((string?)item["owner"], (string?)item["ownerName"]));
        Assert.Equal((string)counter["lastDocNo"]!, (string?)item["docNo"]);
        await (await SendAsync(HttpMethod.Get, "/api/cases/owners?owner=zhangwei", "yangfan")).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        Assert.Contains((await GetAsync("/api/cases/owners?open=false", "admin"))["items"].Items(), c => (string?)c["instanceId"] == id);
    }

    [Fact]
    public async Task A_draft_whose_figures_were_not_confirmed_is_refused_with_the_field_named()
    {
        var problem = await (await SendAsync(HttpMethod.Post, "/api/requests", "yangfan", Draft(figuresChecked: false)))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.Contains("figuresChecked", problem.ToJsonString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string user, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Acting-User", user);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await factory.CreateClient().SendAsync(request, Ct);
    }

    private async Task<JsonNode> GetAsync(string url, string user) => await (await SendAsync(HttpMethod.Get, url, user)).JsonAsync();
}
