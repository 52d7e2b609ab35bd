using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Engine;
using Approvals.Workflows.Tests.Notifications;
using Approvals.Workflows.Tests.Office.Supervision;

namespace Approvals.Workflows.Tests.Office.Reports;

/// <summary>企业微信通报 against a webhook on the loopback: placeholders, retries, an incident when WeCom stays down, skipped when not configured.</summary>
public sealed class WeComReportTests
{
    private const string Template = "## 通报\n> 事项：{{ input.subject }}，共 {{ input.count * 2 }} 件{{ input.missing }}";

    private static async Task<EngineHarness> CreateAsync(string? webhook)
    {
        var h = await EngineHarness.CreateAsync(configure: s => SupervisionHarness.Configure(s, webhook));
        await h.PublishAsync(new FlowBuilder("wecom-report")
            .Field("subject", FormFieldType.Text).Field("count", FormFieldType.Number).Field("missing", FormFieldType.Text)
            .Activity("start", "Start")
            .Activity("post", "WeComReport", JsonSerializer.Serialize(new { template = Template }))
            .Activity("end", "End", """{ "result": "Done" }""")
            .Connect("start", "Done", "post").Connect("post", "Done", "end")
            .Build());
        return h;
    }

    private static Task<WorkflowInstance> StartAsync(EngineHarness h) =>
        h.Runtime.StartAsync("wecom-report", new JsonObject { ["subject"] = "老旧小区改造", ["count"] = 3 }, "hejian", TestContext.Current.CancellationToken);

    private static string Content(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;

    [Fact]
    public async Task Posts_the_template_with_its_placeholders_filled_as_markdown()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(robot.Url);

        var instance = await StartAsync(h);

        Assert.Equal(InstanceStatus.Finished, instance.Status);
        var body = Assert.Single(robot.Bodies);
        Assert.Equal("markdown", JsonDocument.Parse(body).RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("## 通报\n> 事项：老旧小区改造，共 6 件", Content(body));
        var details = await h.GetAsync(instance.Id);
        Assert.True(details.State.Outputs["post"]!["posted"]!.GetValue<bool>());
        Assert.Contains(details.Journal, j => j.Kind == JournalKind.Note && j.Message!.Contains("posted to WeCom"));
    }

    [Fact]
    public async Task A_failed_post_is_retried_within_the_activity()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(robot.Url);
        robot.FailNextWithErrcode();
        robot.FailNextWithStatus(502);

        var instance = await StartAsync(h);

        Assert.Equal(InstanceStatus.Finished, instance.Status);
        Assert.Equal(3, robot.Bodies.Count);
        Assert.Contains((await h.GetAsync(instance.Id)).Journal, j => j.Message?.Contains("attempt 3") == true);
    }

    [Fact]
    public async Task When_WeCom_stays_down_the_instance_gets_an_incident_that_a_retry_clears()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(robot.Url);
        robot.FailNextWithStatus(500);
        robot.FailNextWithErrcode(93000);
        robot.FailNextWithStatus(503);

        var instance = await StartAsync(h); // the starter is not refused: the failure is the flow's, not theirs

        Assert.Equal(InstanceStatus.Faulted, instance.Status);
        Assert.Equal(3, robot.Bodies.Count);
        var incident = Assert.Single((await h.GetAsync(instance.Id)).Incidents);
        Assert.Equal("post", incident.ActivityId);
        Assert.Contains("after 3 attempts", incident.Message);
        Assert.DoesNotContain("test-key", incident.Message); // the robot's key never appears

        var retried = await h.Runtime.RetryAsync(instance.Id, "admin", TestContext.Current.CancellationToken);
        Assert.Equal(InstanceStatus.Finished, retried.Status);
        Assert.Equal(4, robot.Bodies.Count);
    }

    [Fact]
    public async Task A_webhook_nobody_answers_becomes_an_incident_too()
    {
        // A port that was free a moment ago: the connection is refused (HttpRequestException), never a crash.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var h = await CreateAsync($"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=test-key");

        var instance = await StartAsync(h);

        Assert.Equal(InstanceStatus.Faulted, instance.Status);
        Assert.Single((await h.GetAsync(instance.Id)).Incidents);
    }

    [Fact]
    public async Task Without_WeCom_the_activity_completes_and_notes_it_in_the_journal()
    {
        await using var h = await CreateAsync(webhook: null);

        var instance = await StartAsync(h);

        Assert.Equal(InstanceStatus.Finished, instance.Status);
        var details = await h.GetAsync(instance.Id);
        Assert.False(details.State.Outputs["post"]!["posted"]!.GetValue<bool>());
        Assert.Contains(details.Journal, j => j.ActivityId == "post" && j.Kind == JournalKind.Note && j.Message!.Contains("未配置企业微信"));
    }
}
