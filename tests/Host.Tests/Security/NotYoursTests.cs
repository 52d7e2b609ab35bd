using Approvals.Host.Tests.Browser;
using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Security;

/// <summary>
/// Someone else's object answers 404, as one that does not exist: another person's leave on 销假, another's
/// out-of-office period, a task assigned to someone else, a pool task of another section, a request one did not
/// start. 403 is left for role checks (staff on admin operations).
/// </summary>
public sealed class NotYoursTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    // 杨帆 (综合科) asks for leave; 张伟 is her chief, 黄丽 takes over her work; 徐浩 is a colleague with no part in it; 宋洁 (人事科) files it.
    private const string Applicant = "yangfan", ApplicantChief = "zhangwei", HandOver = "huangli", Outsider = "xuhao", HrClerk = "songjie";

    private async Task<string> StartShippedLeaveAsync()
    {
        var day = BrowserHost.WorkingDayAhead(3);
        var started = await (await host.As(Applicant).PostAsJsonAsync("/api/requests", new
        {
            definitionId = "leave-request",
            input = new { leaveType = "personal", start = day, end = day, reason = "家中有事", handOver = HandOver },
        }, Ct)).JsonAsync(HttpStatusCode.Created);
        return (string)started["id"]!;
    }

    private Task<HttpResponseMessage> ReportBackAsync(string user, string instanceId) =>
        host.As(user).PostAsync($"/api/leave/{instanceId}/report-back", null, Ct);

    [Fact]
    public async Task Reporting_back_on_someone_elses_leave_is_404_before_and_during_the_leave_and_the_applicant_may()
    {
        var id = await StartShippedLeaveAsync();
        var missing = await (await ReportBackAsync(Outsider, Guid.NewGuid().ToString("N"))).ProblemAsync(HttpStatusCode.NotFound, "leave-not-found");

        // Before it is approved (was 409): neither a stranger nor the chief, who takes part in the case, may report back.
        foreach (var user in new[] { Outsider, ApplicantChief })
        {
            var problem = await (await ReportBackAsync(user, id)).ProblemAsync(HttpStatusCode.NotFound, "leave-not-found");
            Assert.Equal((string?)missing["title"], (string?)problem["title"]);
        }

        var chief = host.As(ApplicantChief);
        await (await chief.ActAsync((string)(await chief.TodoTaskAsync(id))["id"]!, "approve", new { comment = "同意" })).JsonAsync();
        var hr = host.As(HrClerk);
        var filing = (string)(await hr.TodoTaskAsync(id))["id"]!;
        await (await hr.ActAsync(filing, "claim")).JsonAsync();
        await (await hr.ActAsync(filing, "approve", new { comment = "已备案" })).JsonAsync();

        // Waiting for the leave to end (was 403): still not theirs.
        foreach (var user in new[] { Outsider, ApplicantChief, HandOver })
            await (await ReportBackAsync(user, id)).ProblemAsync(HttpStatusCode.NotFound, "leave-not-found");
        Assert.Equal("Suspended", (string?)(await host.As(Applicant).CaseAsync(id))["case"]!["status"]);

        var early = await (await ReportBackAsync(Applicant, id)).JsonAsync();
        Assert.True((bool)early["early"]!);
        Assert.Equal(("Finished", "Approved"), ((string?)(await host.As(Applicant).CaseAsync(id))["case"]!["status"], (string?)(await host.As(Applicant).CaseAsync(id))["case"]!["result"]));
    }

    [Fact]
    public async Task Deleting_someone_elses_out_of_office_period_is_404_like_one_that_does_not_exist()
    {
        var owner = host.As(Bystander);
        var created = await (await owner.PostAsJsonAsync("/api/org/out-of-office",
            new { from = "2026-12-28T08:40:00+08:00", to = "2026-12-29T17:30:00+08:00", delegateId = Colleague }, Ct)).JsonAsync(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var missing = await (await host.As(Staff).DeleteAsync($"/api/org/out-of-office/{Guid.NewGuid():N}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "out-of-office-not-found");
        var notYours = await (await host.As(Staff).DeleteAsync($"/api/org/out-of-office/{id}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "out-of-office-not-found");
        Assert.Equal((string?)missing["title"], (string?)notYours["title"]);
        Assert.Contains((await owner.GetJsonAsync("/api/org/out-of-office")).AsArray(), o => (string?)o!["id"] == id);

        // A role check stays 403: staff may not look at someone else's periods at all.
        await (await host.As(Staff).GetAsync($"/api/org/out-of-office?userId={Bystander}", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/org/out-of-office/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Acting_on_a_task_that_is_someone_elses_is_404_even_for_the_initiator_who_can_see_it()
    {
        var staff = host.As(Staff);
        var id = await staff.StartLeaveAsync();
        var taskId = (string)(await host.As(StaffChief).TodoTaskAsync(id))["id"]!;
        await staff.GetJsonAsync($"/api/tasks/{taskId}");

        foreach (var action in new[] { "approve", "reject", "return", "transfer" })
            await (await staff.ActAsync(taskId, action, new { comment = "自己批", user = Colleague })).ProblemAsync(HttpStatusCode.NotFound, "not-assignee");
        Assert.Equal("Open", (string?)(await host.As(StaffChief).TodoTaskAsync(id))["status"]);
    }

    [Fact]
    public async Task Withdrawing_or_urging_a_request_one_did_not_start_is_404()
    {
        var id = await host.As(Staff).StartLeaveAsync();
        var chief = host.As(StaffChief);

        await (await chief.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { reason = "想撤" }, Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-initiator");
        await (await chief.PostAsync($"/api/requests/{id}/urge", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-initiator");
        var taskId = (string)(await chief.TodoTaskAsync(id))["id"]!;
        await (await chief.ActAsync(taskId, "urge")).ProblemAsync(HttpStatusCode.NotFound, "not-initiator");
    }

    [Fact]
    public async Task Claiming_a_pool_task_of_another_section_is_404_even_for_the_initiator_who_can_see_it()
    {
        var initiator = host.As("yangfan");
        var id = await PoolFlow.StartAsync(host.As("admin"), initiator);
        var taskId = (string)(await host.As(Colleague).TodoTaskAsync(id))["id"]!;

        await initiator.GetJsonAsync($"/api/tasks/{taskId}");
        await (await initiator.ActAsync(taskId, "claim")).ProblemAsync(HttpStatusCode.NotFound, "not-in-pool");
    }
}
