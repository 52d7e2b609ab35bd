using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using static Approvals.Workflows.Tests.Office.Documents.DocumentHarness;

namespace Approvals.Workflows.Tests.Office.Documents;

/// <summary>
/// 文不过夜 (rule 1) across the 2026 National Day holiday (Oct 1–7 off) and the 调休 working Saturday
/// Oct 10. Working day 08:40–17:30; the default cut-off is 16:30, the reminder one hour before the deadline.
/// </summary>
public sealed class NoOvernightReviewTests
{
    private const string Clerk = "chenxiaoyu";
    private const string SecretariatChief = "wangjing";

    /// <summary>A draft signed by the director at <paramref name="hour"/>:<paramref name="minute"/> on 2026-09-30, received by the secretariat then.</summary>
    private static async Task<(DocumentHarness H, string Id)> SignedOnSeptember30Async(int hour, int minute)
    {
        var h = await CreateAsync(Local(2026, 9, 30, 9, 0));
        var id = await h.SubmitAsync();
        await h.ApproveAsync(id, "chiefReview", Chief);
        await h.ApproveAsync(id, "deputyReview", Deputy);
        h.SetLocal(2026, 9, 30, hour, minute);
        await h.ApproveAsync(id, "directorSign", Director);
        return (h, id);
    }

    [Fact]
    public async Task Received_at_16_00_on_September_30_it_is_due_that_evening_and_the_deputy_director_hears_of_it_after_the_holiday()
    {
        var (h, id) = await SignedOnSeptember30Async(16, 0);
        await using var _ = h;

        var task = await h.TaskAtAsync(id, "issue", Clerk);
        Assert.Equal(Utc(2026, 9, 30, 17, 30), task.DueAt);
        Assert.Equal(new Dictionary<string, DateTimeOffset>
        {
            ["reminder"] = Local(2026, 9, 30, 16, 30),
            ["due"] = Local(2026, 9, 30, 17, 30),
            ["escalate-0"] = Local(2026, 9, 30, 17, 30),
            ["escalate-1"] = Local(2026, 10, 8, 17, 30),
        }, await h.TimersAsync(id));

        h.SetLocal(2026, 9, 30, 16, 29);
        Assert.Equal(0, await h.Engine.Timers.RunDueAsync());
        h.SetLocal(2026, 9, 30, 16, 30);
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        Assert.Single(await h.NotificationsAsync(Clerk, NotificationKind.Reminder));

        // At the deadline: the clerk is told it is overdue, their chief is told, the deputy director not yet.
        h.SetLocal(2026, 9, 30, 17, 30);
        Assert.Equal(2, await h.Engine.Timers.RunDueAsync());
        Assert.Single(await h.NotificationsAsync(Clerk, NotificationKind.Overdue));
        var toChief = Assert.Single(await h.NotificationsAsync(SecretariatChief, NotificationKind.Escalated));
        Assert.Equal(Utc(2026, 9, 30, 17, 30), toChief.CreatedAt);
        Assert.Empty(await h.NotificationsAsync(Deputy, NotificationKind.Escalated));

        // Nothing during the holiday: one working day after Sep 30 is Oct 8.
        h.SetLocal(2026, 10, 8, 17, 29);
        Assert.Equal(0, await h.Engine.Timers.RunDueAsync());
        h.SetLocal(2026, 10, 8, 17, 30);
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        var toDeputy = Assert.Single(await h.NotificationsAsync(Deputy, NotificationKind.Escalated));
        Assert.Equal(Utc(2026, 10, 8, 17, 30), toDeputy.CreatedAt);
        Assert.Contains("公文印发", toDeputy.Title);

        Assert.Equal([(Clerk, SecretariatChief), (Clerk, Deputy)],
            (await h.HistoryAsync(id)).Where(r => r.Action == "Escalated").Select(r => (r.FromUserId, r.ToUserId)));
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAtAsync(id, "issue", Clerk)).Status);
        Assert.Empty((await h.InstanceAsync(id)).Timers);
    }

    [Fact]
    public async Task Received_after_the_cut_off_it_is_due_on_October_8_then_the_deputy_director_on_October_9_and_a_transfer_that_evening_runs_to_the_working_Saturday()
    {
        var (h, id) = await SignedOnSeptember30Async(16, 45);
        await using var _ = h;

        Assert.Equal(Utc(2026, 10, 8, 17, 30), (await h.TaskAtAsync(id, "issue", Clerk)).DueAt);
        Assert.Equal(new Dictionary<string, DateTimeOffset>
        {
            ["reminder"] = Local(2026, 10, 8, 16, 30),
            ["due"] = Local(2026, 10, 8, 17, 30),
            ["escalate-0"] = Local(2026, 10, 8, 17, 30),
            ["escalate-1"] = Local(2026, 10, 9, 17, 30),
        }, await h.TimersAsync(id));

        h.SetLocal(2026, 10, 8, 16, 30);
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        h.SetLocal(2026, 10, 8, 17, 30);
        Assert.Equal(2, await h.Engine.Timers.RunDueAsync());
        Assert.Single(await h.NotificationsAsync(SecretariatChief, NotificationKind.Escalated));
        h.SetLocal(2026, 10, 9, 17, 30);
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        Assert.Single(await h.NotificationsAsync(Deputy, NotificationKind.Escalated));

        // 转办 after the working day: the new holder gets the full 文不过夜 time from now, which is the
        // end of the next working day: Saturday Oct 10, a 调休 working day.
        h.SetLocal(2026, 10, 9, 17, 40);
        await h.ActAsync(Clerk, TaskActionKinds.Transfer, (await h.TaskAtAsync(id, "issue", Clerk)).Id, "陈晓宇外出培训，请胡丽娜印发", ["hulina"]);
        Assert.Equal(Utc(2026, 10, 10, 17, 30), (await h.TaskAtAsync(id, "issue", "hulina")).DueAt);
        Assert.Equal(new Dictionary<string, DateTimeOffset>
        {
            ["reminder"] = Local(2026, 10, 10, 16, 30),
            ["due"] = Local(2026, 10, 10, 17, 30),
            ["escalate-0"] = Local(2026, 10, 10, 17, 30),
            ["escalate-1"] = Local(2026, 10, 12, 17, 30),
        }, await h.TimersAsync(id));

        h.SetLocal(2026, 10, 10, 17, 30);
        Assert.Equal(3, await h.Engine.Timers.RunDueAsync());
        Assert.Single(await h.NotificationsAsync("hulina", NotificationKind.Reminder));
        Assert.Equal(2, (await h.NotificationsAsync(SecretariatChief, NotificationKind.Escalated)).Count);
        h.SetLocal(2026, 10, 12, 17, 30);
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        Assert.Equal(2, (await h.NotificationsAsync(Deputy, NotificationKind.Escalated)).Count);
    }

    [Fact]
    public async Task Every_review_is_due_the_same_day_and_a_returned_draft_starts_the_clock_again_when_it_comes_back()
    {
        await using var h = await CreateAsync(Local(2026, 9, 30, 16, 0));
        var id = await h.SubmitAsync();
        Assert.Equal(Utc(2026, 9, 30, 17, 30), (await h.TaskAtAsync(id, "chiefReview", Chief)).DueAt);

        h.SetLocal(2026, 10, 8, 9, 0);
        await h.Engine.Timers.RunDueAsync();
        await h.ActAsync(Chief, TaskActionKinds.Return, (await h.TaskAtAsync(id, "chiefReview", Chief)).Id, "请写明值班经费来源");
        Assert.Equal(Utc(2026, 10, 9, 9, 0), (await h.TaskAtAsync(id, "revise", Drafter)).DueAt);

        // Resubmitted after the cut-off on Friday Oct 9: the chief has until the end of Saturday Oct 10 (调休).
        h.SetLocal(2026, 10, 9, 16, 40);
        await h.ApproveAsync(id, "revise", Drafter, "已补充", data: new JsonObject { ["figuresRechecked"] = "checked" });
        Assert.Equal(Utc(2026, 10, 10, 17, 30), (await h.TaskAtAsync(id, "chiefReview", Chief)).DueAt);
        Assert.Equal(Local(2026, 10, 12, 17, 30), (await h.TimersAsync(id))["escalate-1"]);
    }

    [Theory]
    [InlineData("""{ }""", 16, 45, "2026-10-08T17:30", "2026-10-08T16:30")]
    [InlineData("""{ }""", 16, 29, "2026-09-30T17:30", "2026-09-30T16:30")]
    [InlineData("""{ "cutOff": "" }""", 16, 45, "2026-09-30T17:30", null)]
    [InlineData("""{ "cutOff": "15:00", "remindBefore": "PT2H" }""", 15, 0, "2026-10-08T17:30", "2026-10-08T15:30")]
    [InlineData("""{ "remindBefore": "" }""", 9, 0, "2026-09-30T17:30", null)]
    [InlineData("""{ "deadline": { "kind": "workingHours", "value": "2" } }""", 16, 45, "2026-10-08T09:55", "2026-10-08T08:55")]
    [InlineData("""{ "deadline": { "kind": "endOfWorkingDay", "value": "17:00", "remindBefore": "PT30M" }, "cutOff": "12:00" }""", 16, 45, "2026-09-30T17:30", "2026-09-30T17:00")]
    public async Task The_cut_off_and_the_reminder_can_be_configured_and_a_deadline_written_in_the_step_wins(
        string inputs, int hour, int minute, string due, string? reminder)
    {
        await using var h = await CreateAsync(Local(2026, 9, 30, hour, minute));
        var step = JsonNode.Parse(inputs)!.AsObject();
        step["assignment"] = JsonNode.Parse("""{ "strategy": "users", "users": ["chenxiaoyu"] }""");
        await h.Engine.PublishAsync(new FlowBuilder("same-day")
            .Activity("start", "Start").Activity("review", "NoOvernightReview", step.ToJsonString()).Activity("end", "End")
            .Connect("start", "Done", "review").Connect("review", "Approved", "end").Build());
        var id = (await h.Runtime.StartAsync("same-day", [], Drafter)).Id;

        var timers = await h.TimersAsync(id);
        Assert.Equal(DateTimeOffset.Parse(due + "+08:00"), timers["due"]);
        DateTimeOffset? expected = reminder is null ? null : DateTimeOffset.Parse(reminder + "+08:00");
        Assert.Equal(expected, timers.TryGetValue("reminder", out var r) ? r : null);
    }

    [Fact]
    public void The_designer_sees_the_same_day_defaults_and_the_case_owner_steps()
    {
        var registry = new ActivityRegistry([typeof(Approvals.Activities.ActivitiesAssembly).Assembly, typeof(UserTask).Assembly]);
        var review = registry.Find("NoOvernightReview")!;
        Assert.Equal("文不过夜审批", review.Name.ZhCN);
        Assert.Equal("endOfWorkingDay", review.Inputs.Single(i => i.Name == "deadline").Default!["kind"]!.GetValue<string>());
        Assert.Equal("16:30", review.Inputs.Single(i => i.Name == "cutOff").Default!.GetValue<string>());
        Assert.Equal("PT1H", review.Inputs.Single(i => i.Name == "remindBefore").Default!.GetValue<string>());
        Assert.Equal(["assigneeChief", "deputyDirector"], review.Inputs.Single(i => i.Name == "escalations").Default!.AsArray().Select(x => x!["to"]!.GetValue<string>()));
        Assert.Contains(registry.Find("FirstHandler")!.Outcomes, o => o.Name == "HandOver");
        Assert.Equal("caseOwnerChief", registry.Find("CaseHandOver")!.Inputs.Single(i => i.Name == "assignment").Default!["strategy"]!.GetValue<string>());
    }
}
