using Approvals.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Tasks;

/// <summary>The office host with a short lock wait, so a held row turns into an answer quickly.</summary>
public sealed class ShortLockWaitHost : OfficeHost
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:LockTimeout", "00:00:00.500");
    }
}

/// <summary>
/// A leave request whose instance row another transaction holds (PostgreSQL only): approving it answers 503 with
/// the problem code <c>busy</c> in the caller's language after the lock wait, while other requests are started and
/// approved as usual; once the row is free the approval goes through.
/// </summary>
public sealed class LockedCaseApiTests(ShortLockWaitHost host) : IClassFixture<ShortLockWaitHost>
{
    public static bool OnPostgres => TestStorage.OnPostgres;

    private readonly HttpClient _staff = host.As(Staff);
    private readonly HttpClient _chief = host.As(StaffChief);

    [Fact(Skip = "PostgreSQL only: run with APPROVALS_TEST_PROVIDER=Postgres and APPROVALS_TEST_POSTGRES (.ci/run does)", SkipUnless = nameof(OnPostgres))]
    public async Task Approving_a_case_whose_row_is_held_is_503_busy_in_the_callers_language_while_other_cases_go_on()
    {
        var stuck = await _staff.StartLeaveAsync("回老家探亲", 3);
        var other = await _staff.StartLeaveAsync("看病", 1);
        var stuckTask = (string)(await _chief.TodoTaskAsync(stuck))["id"]!;
        var otherTask = (string)(await _chief.TodoTaskAsync(other))["id"]!;
        await using var row = await RowLock.TakeAsync(host.Folder.ConnectionString, "instances", stuck);

        var busy = await (await _chief.ActAsync(stuckTask, "approve", new { comment = "同意" })).ProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
        Assert.Equal("该事项正在被其他操作处理，请稍后重试", (string?)busy["title"]);
        using (var english = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{stuckTask}/approve") { Content = JsonContent.Create(new { comment = "ok" }) })
        {
            var response = await _chief.SendAsync(english.WithLanguage("en"), Ct);
            var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
            Assert.Equal("this item is being changed by another operation; try again in a moment", (string?)problem["title"]);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        // While the row is still held: a new request is started and an unrelated one approved.
        var fresh = await _staff.StartLeaveAsync("参加培训", 2);
        Assert.Equal("已同意", (string?)(await (await _chief.ActAsync(otherTask, "approve", new { comment = "同意" })).JsonAsync())["message"]);
        Assert.True(row.Held);
        Assert.Equal("Approved", (string?)(await _staff.CaseAsync(other))["case"]!["result"]);
        Assert.True(await _chief.HasTodoAsync(fresh));
        // The held case is as it was: still waiting for the chief, nothing in its timeline from the refused tries.
        var held = await _staff.CaseAsync(stuck);
        Assert.Equal("Suspended", (string?)held["case"]!["status"]);
        Assert.DoesNotContain(held["timeline"].Items(), h => (string?)h["action"] == "Approved");

        await row.ReleaseAsync();
        await (await _chief.ActAsync(stuckTask, "approve", new { comment = "同意" })).JsonAsync();
        Assert.Equal("Approved", (string?)(await _staff.CaseAsync(stuck))["case"]!["result"]);
    }
}
