using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// The staff and approver journeys in a real browser against a host on a real port, signing in through
/// the embedded OpenID Connect provider: 杨帆 (综合科) asks for leave, her chief 张伟 acts from his inbox.
/// </summary>
public sealed class LeaveRequestBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    private const string Staff = "yangfan", Chief = "zhangwei";

    /// <summary>Fills and submits the leave form as the staff member; returns the new request's id.</summary>
    internal static string SubmitLeave(ChromeSession staff, string reason)
    {
        var day = BrowserHost.WorkingDayAhead(3);
        staff.Go("/start/leave-request");
        staff.Wait(By.Id("field-reason"));
        staff.Choose("#field-leaveType", "事假");
        staff.Type("#field-start input", day);
        staff.Type("#field-end input", day);
        staff.Type("#field-reason textarea", reason);
        staff.Choose("#field-handOver", "黄丽");
        staff.Click("#submit");
        staff.Wait(By.Id("request-number"));
        var link = staff.Driver.FindElement(By.CssSelector("a[href*='requests/']")).GetAttribute("href")!;
        return link[(link.LastIndexOf('/') + 1)..];
    }

    /// <summary>Opens the chief's task for the request from the to-do list.</summary>
    internal static void OpenTaskFor(ChromeSession chief, string reasonShownInTitle)
    {
        chief.Go("/tasks");
        chief.Wait(By.CssSelector(".task-list"));
        chief.Click(".task-link");
        chief.Wait(By.Id("action-approve"));
        Assert.Contains(reasonShownInTitle, chief.Driver.FindElement(By.TagName("body")).Text);
    }

    [Fact]
    public void Staff_submit_a_leave_request_the_chief_approves_it_from_the_inbox_and_the_staff_member_sees_it()
    {
        using var staff = new ChromeSession(server.Origin);
        staff.SignIn(Staff);
        Assert.True(staff.PageContains("工作台"), "the workbench is in Chinese by default");
        staff.Screenshot("01-workbench-staff");
        var id = SubmitLeave(staff, "家中有事需处理（浏览器测试）");
        staff.Screenshot("02-submitted");

        using var chief = new ChromeSession(server.Origin);
        chief.SignIn(Chief);
        OpenTaskFor(chief, "家中有事需处理");
        chief.Screenshot("03-chief-task");
        chief.Type("textarea#comment, #comment textarea", "同意，注意工作交接");
        chief.Click("#action-approve");
        chief.Wait(By.Id("action-done"));

        staff.Go($"/requests/{id}");
        staff.WaitForText("同意，注意工作交接");
        Assert.True(staff.PageContains("张伟"), "the timeline names the chief");
        staff.Screenshot("04-staff-sees-approval");
    }

    [Fact]
    public void A_rejection_without_a_comment_is_refused_and_with_one_it_goes_through()
    {
        using var staff = new ChromeSession(server.Origin);
        staff.SignIn(Staff);
        var id = SubmitLeave(staff, "想请假休息（驳回测试）");

        using var chief = new ChromeSession(server.Origin);
        chief.SignIn(Chief);
        OpenTaskFor(chief, "驳回测试");
        chief.Click("#action-reject");
        var refusal = chief.TextOf(By.Id("action-error"), "必须填写意见");
        chief.Screenshot("05-reject-needs-comment");
        Assert.Contains("必须填写意见", refusal);
        chief.Type("textarea#comment, #comment textarea", "近期工作任务重，请改期");
        chief.Click("#action-reject");
        chief.Wait(By.Id("action-done"));

        staff.Go($"/requests/{id}");
        staff.WaitForText("近期工作任务重，请改期");
        Assert.Contains("已驳回", staff.TextOf(By.Id("request-status"), "已驳回"));
    }

    [Fact]
    public void A_return_sends_the_request_back_to_the_applicant_to_revise()
    {
        using var staff = new ChromeSession(server.Origin);
        staff.SignIn(Staff);
        SubmitLeave(staff, "外出学习（退回测试）");

        using var chief = new ChromeSession(server.Origin);
        chief.SignIn(Chief);
        OpenTaskFor(chief, "退回测试");
        chief.Click("#action-return");
        chief.Click("#confirm-return");
        Assert.Contains("必须填写意见", chief.TextOf(By.Id("action-error"), "必须填写意见"));
        chief.Type("textarea#comment, #comment textarea", "请补充学习通知");
        chief.Click("#confirm-return");
        chief.Wait(By.Id("action-done"));

        staff.Go("/tasks");
        staff.Click(".task-link");
        staff.WaitForText("请补充学习通知");
        Assert.True(staff.Driver.FindElements(By.Id("action-approve")).Count == 1, "the applicant can resubmit");
        staff.Screenshot("06-returned-to-applicant");
    }

    [Theory]
    [InlineData("/", "phone-workbench")]
    [InlineData("/start/leave-request", "phone-leave-form")]
    [InlineData("/tasks", "phone-todo")]
    [InlineData("/requests", "phone-requests")]
    [InlineData("/cc", "phone-cc")]
    public void The_main_pages_fit_a_phone(string path, string screenshot)
    {
        using var phone = new ChromeSession(server.Origin, 390, 844);
        phone.SignIn(Staff, path: path);
        phone.Wait(By.TagName("h1"));
        var overflow = (long)((IJavaScriptExecutor)phone.Driver).ExecuteScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")!;
        phone.Screenshot(screenshot);
        Assert.True(overflow <= 1, $"{path} scrolls sideways by {overflow}px at 390px");
    }
}
