using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Tasks;

/// <summary>
/// A member of staff's leave request through the HTTP API of the real host with the demo office: the chief's
/// to-do, the task view, reject, return and resubmit, concurrent approvals, urge, withdraw and carbon copies.
/// </summary>
public sealed class TaskApiTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private readonly HttpClient _staff = host.As(Staff);
    private readonly HttpClient _chief = host.As(StaffChief);

    [Fact]
    public async Task Without_an_acting_user_the_inbox_is_401_and_someone_outside_the_organisation_is_403()
    {
        await (await host.As(null).GetAsync("/api/tasks/todo", Ct)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await host.As("nobody").GetAsync("/api/tasks/todo", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "unknown-user");
    }

    [Fact]
    public async Task A_started_request_is_in_the_chiefs_todo_with_its_fields_and_actions_and_in_the_staff_members_requests()
    {
        var id = await _staff.StartLeaveAsync("回老家探亲", 3);

        var item = await _chief.TodoTaskAsync(id);
        Assert.Equal(("chief", StaffChief, Staff, "请假：回老家探亲", "Open"),
            ((string?)item["activityId"], (string?)item["assigneeId"], (string?)item["initiator"], (string?)item["title"], (string?)item["status"]));

        var details = await _chief.GetJsonAsync($"/api/tasks/{item["id"]}");
        var fields = details["fields"].Items().ToDictionary(f => (string)f["key"]!);
        Assert.Equal(("事由", "回老家探亲", false), ((string?)fields["reason"]["labelZh"], (string?)fields["reason"]["value"], (bool)fields["reason"]["editable"]!));
        Assert.Equal(3, (int?)fields["days"]["value"]);
        Assert.Equal(["approve", "reject", "return", "transfer", "delegate", "addSigner", "cc"], details["allowedActions"].Items().Select(a => (string)a!));
        Assert.Equal(id, (string?)details["case"]!["instanceId"]);

        var mine = await _staff.GetJsonAsync("/api/requests");
        var request = Assert.Single(mine["items"].Items(), r => (string?)r["instanceId"] == id);
        Assert.Equal("Suspended", (string?)request["status"]);
        var step = Assert.Single(request["currentSteps"].Items());
        Assert.Equal(("chief", "请假：回老家探亲"), ((string?)step["activityId"], (string?)step["title"]));
        Assert.Equal([StaffChief], step["assignees"].Items().Select(a => (string)a!));
    }

    [Fact]
    public async Task Reject_without_a_comment_is_a_400_in_Chinese_and_with_one_ends_the_request_Rejected()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        var problem = await (await _chief.ActAsync(taskId, "reject")).ProblemAsync(HttpStatusCode.BadRequest, "comment-required");
        Assert.Equal("驳回时必须填写意见", (string?)problem["title"]);
        await (await _chief.ActAsync(taskId, "reject", new { comment = "   " })).ProblemAsync(HttpStatusCode.BadRequest, "comment-required");

        var done = await (await _chief.ActAsync(taskId, "reject", new { comment = "年底工作繁忙，请改期" })).JsonAsync();
        Assert.Equal("已驳回", (string?)done["message"]);
        var view = await _staff.CaseAsync(id);
        Assert.Equal(("Finished", "Rejected"), ((string?)view["case"]!["status"], (string?)view["case"]!["result"]));
        Assert.Contains(view["timeline"].Items(), h => (string?)h["action"] == "Rejected" && (string?)h["actorId"] == StaffChief
                                                       && (string?)h["comment"] == "年底工作繁忙，请改期");
        Assert.False(await _chief.HasTodoAsync(id));
    }

    [Fact]
    public async Task Return_sends_the_request_back_to_the_initiator_whose_resubmission_gives_the_chief_a_new_task()
    {
        var id = await _staff.StartLeaveAsync("外出学习", 5);
        var first = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        await (await _chief.ActAsync(first, "return", new { comment = "请写明学习地点" })).JsonAsync();

        Assert.False(await _chief.HasTodoAsync(id));
        var revise = await _staff.TodoTaskAsync(id);
        Assert.Equal(("revise", Staff), ((string?)revise["activityId"], (string?)revise["assigneeId"]));
        var details = await _staff.GetJsonAsync($"/api/tasks/{revise["id"]}");
        Assert.Equal(["approve"], details["allowedActions"].Items().Select(a => (string)a!));
        Assert.All(details["fields"].Items(), f => Assert.True((bool)f["editable"]!));
        var notifications = await _staff.GetJsonAsync("/api/notifications?pageSize=100");
        Assert.Contains(notifications["items"].Items(), n => (string?)n["kind"] == "Returned" && (string?)n["instanceId"] == id);

        await (await _staff.ActAsync((string)revise["id"]!, "approve",
            new { comment = "已补充", formChanges = new { reason = "外出学习（上海）", days = 4 } })).JsonAsync();

        var second = await _chief.TodoTaskAsync(id);
        Assert.NotEqual(first, (string?)second["id"]);
        Assert.Equal("chief", (string?)second["activityId"]);
        var view = await _staff.CaseAsync(id);
        Assert.Equal(("外出学习（上海）", 4), ((string?)view["input"]!["reason"], (int?)view["input"]!["days"]));
        Assert.Equal("Suspended", (string?)view["case"]!["status"]);
        await (await _chief.ActAsync((string)second["id"]!, "approve", new { comment = "同意" })).JsonAsync();
        Assert.Equal("Approved", (string?)(await _staff.CaseAsync(id))["case"]!["result"]);
    }

    [Fact]
    public async Task Twenty_simultaneous_approvals_of_one_task_give_one_200_and_409s_naming_who_handled_it()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
            _chief.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { comment = $"同意 #{n}" }, Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "task-done");
            Assert.Matches(@"^该任务已由王静于 \d{2}:\d{2} 处理$", (string?)problem["title"]);
        }
        var view = await _staff.CaseAsync(id);
        Assert.Equal("Approved", (string?)view["case"]!["result"]);
        Assert.Single(view["timeline"].Items(), h => (string?)h["action"] == "Approved");
    }

    [Fact]
    public async Task The_initiator_may_urge_once_an_hour_and_the_chief_is_notified()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        var urged = await (await _staff.PostAsync($"/api/requests/{id}/urge", null, Ct)).JsonAsync();
        Assert.Equal(1, (int?)urged["urged"]);
        var again = await (await _staff.PostAsync($"/api/requests/{id}/urge", null, Ct)).ProblemAsync(HttpStatusCode.TooManyRequests, "urge-too-often");
        Assert.StartsWith("每个任务每小时只能催办一次", (string?)again["title"]);
        await (await _chief.PostAsync($"/api/requests/{id}/urge", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-initiator");

        var notifications = await _chief.GetJsonAsync("/api/notifications?unread=true&pageSize=100");
        var urge = Assert.Single(notifications["items"].Items(), n => (string?)n["kind"] == "Urged" && (string?)n["instanceId"] == id);
        Assert.Equal(taskId, (string?)urge["taskId"]);
    }

    [Fact]
    public async Task Withdrawing_cancels_the_request_and_takes_it_out_of_the_chiefs_todo()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;
        await (await _chief.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { reason = "想撤" }, Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-initiator");

        var withdrawn = await (await _staff.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { reason = "行程取消" }, Ct)).JsonAsync();

        Assert.Equal(("Cancelled", "Withdrawn"), ((string?)withdrawn["status"], (string?)withdrawn["result"]));
        Assert.False(await _chief.HasTodoAsync(id));
        await (await _chief.ActAsync(taskId, "approve")).ProblemAsync(HttpStatusCode.Conflict, "task-closed");
        var view = await _staff.CaseAsync(id);
        Assert.Equal(("Cancelled", "Withdrawn"), ((string?)view["case"]!["status"], (string?)view["case"]!["result"]));
        Assert.Empty(view["case"]!["currentSteps"].Items());
    }

    [Fact]
    public async Task The_chief_copies_the_case_to_a_colleague_who_sees_it_unread_then_marks_it_read()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;
        var bystander = host.As(Bystander);
        await (await bystander.GetAsync($"/api/requests/{id}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");

        var done = await (await _chief.ActAsync(taskId, "cc", new { users = new[] { Bystander }, comment = "请知悉，安排好交接" })).JsonAsync();
        Assert.Equal("已抄送", (string?)done["message"]);

        var copies = await bystander.GetJsonAsync("/api/cc?unread=true");
        var cc = Assert.Single(copies["items"].Items(), c => (string?)c["instanceId"] == id);
        Assert.Equal((StaffChief, "请知悉，安排好交接", "请假：回老家探亲"), ((string?)cc["fromUserId"], (string?)cc["comment"], (string?)cc["title"]));
        Assert.Null(cc["readAt"]);
        Assert.Equal("Suspended", (string?)(await bystander.CaseAsync(id))["case"]!["status"]);

        await (await bystander.PostAsync($"/api/cc/{cc["id"]}/read", null, Ct)).JsonAsync();

        Assert.DoesNotContain((await bystander.GetJsonAsync("/api/cc?unread=true"))["items"].Items(), c => (string?)c["instanceId"] == id);
        var read = Assert.Single((await bystander.GetJsonAsync("/api/cc"))["items"].Items(), c => (string?)c["instanceId"] == id);
        Assert.NotNull(read["readAt"]);
        await (await _staff.PostAsync($"/api/cc/{cc["id"]}/read", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "cc-not-found");
    }
}
