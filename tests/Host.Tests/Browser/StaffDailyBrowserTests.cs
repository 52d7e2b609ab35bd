using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// What staff meet every day, in a real browser with the real sign-in: the start form keeps a draft per person
/// while typing, and the notification bell opens its list with the mouse and the keyboard, on a desktop and a phone.
/// </summary>
public sealed class StaffDailyBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    private const string Staff = "yangfan", Other = "huangli", Chief = "zhangwei", Form = "/start/leave-request";
    private const string Reason = "#field-reason textarea";

    private static object? Js(ChromeSession s, string script, params object[] args) => ((IJavaScriptExecutor)s.Driver).ExecuteScript(script, args);

    /// <summary>Whether any stored draft holds <paramref name="text"/> (parsed: the stored JSON escapes Chinese).</summary>
    private static bool DraftHolds(ChromeSession s, string text) => (bool)Js(s,
        "return Object.keys(localStorage).some(k => k.startsWith('draft:') && JSON.stringify(JSON.parse(localStorage.getItem(k) || 'null')).includes(arguments[0]));", text)!;

    private static string ReasonValue(ChromeSession s) => s.Wait(By.CssSelector(Reason)).GetAttribute("value") ?? "";

    /// <summary>Types into the reason without leaving it (no blur), as someone still writing.</summary>
    private static void TypeReason(ChromeSession s, string text)
    {
        s.Go(Form);
        // A choice only a live form takes: typing into the prerendered page would reach no one.
        s.Choose("#field-leaveType", "事假");
        s.WaitUntil(d =>
        {
            var box = d.FindElements(By.CssSelector(Reason)).FirstOrDefault(e => e.Displayed);
            if (box is null) return false;
            box.Click();
            box.SendKeys(text);
            return true;
        });
    }

    private static void SignOut(ChromeSession s)
    {
        s.Go("/account/signout");
        s.Click("form button[type=submit], form input[type=submit]");
        s.WaitUntil(d => d.Url.Contains("/account/signed-out"));
    }

    [Fact]
    public void A_draft_is_kept_while_typing_survives_a_reload_and_is_gone_after_submitting()
    {
        using var staff = new ChromeSession(server.Origin);
        staff.SignIn(Staff);
        const string text = "正在填写的请假事由（刷新测试）";
        TypeReason(staff, text);
        // Saved while typing: the field was never left.
        staff.WaitUntil(_ => DraftHolds(staff, text));
        staff.Driver.Navigate().Refresh();
        staff.WaitUntil(_ => ReasonValue(staff) == text);

        LeaveRequestBrowserTests.SubmitLeave(staff, text);
        Assert.False(DraftHolds(staff, text), "the draft is removed once the request is submitted");
        staff.Go(Form);
        staff.Choose("#field-leaveType", "事假");
        Assert.Equal("", ReasonValue(staff));
    }

    [Fact]
    public void A_draft_belongs_to_the_person_who_typed_it_not_to_the_next_person_on_the_same_browser()
    {
        using var browser = new ChromeSession(server.Origin);
        browser.SignIn(Staff);
        const string text = "杨帆的私事（共用电脑测试）";
        TypeReason(browser, text);
        browser.WaitUntil(_ => DraftHolds(browser, text));
        SignOut(browser);

        browser.SignIn(Other, path: Form);
        browser.Wait(By.Id("field-reason"));
        // Picking a leave type proves the form is live (its draft was loaded and is being saved) before looking.
        browser.Choose("#field-leaveType", "事假");
        browser.WaitUntil(_ => (bool)Js(browser, "return Object.keys(localStorage).some(k => k.includes(arguments[0]));", Other)!);
        Assert.Equal("", ReasonValue(browser));
        Assert.False(browser.PageContains(text), "黄丽 must not see 杨帆's draft");
        SignOut(browser);

        browser.SignIn(Staff, path: Form);
        browser.WaitUntil(_ => ReasonValue(browser) == text);
    }

    private static string BellLabel(ChromeSession s) => s.Wait(By.Id("notification-bell")).GetAttribute("aria-label") ?? "";

    [Fact]
    public void The_chief_opens_the_bell_sees_the_new_task_and_marks_everything_read()
    {
        using (var staff = new ChromeSession(server.Origin))
        {
            staff.SignIn(Staff);
            LeaveRequestBrowserTests.SubmitLeave(staff, "家中有事（通知铃测试）");
        }

        using var chief = new ChromeSession(server.Origin);
        chief.SignIn(Chief);
        chief.WaitUntil(_ => BellLabel(chief).Contains("条未读"));
        Assert.Single(chief.Driver.FindElements(By.CssSelector("button#notification-bell")));
        Assert.Empty(chief.Driver.FindElements(By.CssSelector("button button, a button, button a")));
        chief.Click("#notification-bell");
        var list = chief.TextOf(By.Id("notification-list"), "【待办】");
        Assert.Contains("通知", list);
        Assert.NotEmpty(chief.Driver.FindElements(By.CssSelector("#notification-list .notice-unread a[href*='tasks/']")));
        chief.Screenshot("bell-open-desktop");
        chief.Click("#notification-read-all");
        chief.WaitUntil(d => d.FindElements(By.Id("notification-badge")).Count == 0);
        Assert.Equal("通知", BellLabel(chief));
        Assert.Empty(chief.Driver.FindElements(By.CssSelector("#notification-list .notice-unread")));
    }

    [Fact]
    public void On_a_phone_the_bell_opens_from_the_keyboard_fits_the_screen_and_escape_returns_to_it()
    {
        using (var staff = new ChromeSession(server.Origin))
        {
            staff.SignIn(Staff);
            LeaveRequestBrowserTests.SubmitLeave(staff, "外出办事（手机通知测试）");
        }

        using var phone = new ChromeSession(server.Origin, 390, 844);
        phone.SignIn(Chief);
        phone.WaitUntil(_ => BellLabel(phone).Contains("条未读"));
        Js(phone, "document.getElementById('notification-bell').focus();");
        phone.Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        phone.TextOf(By.Id("notification-list"), "【待办】");
        phone.Screenshot("bell-open-phone");
        var box = (IReadOnlyDictionary<string, object>)Js(phone,
            "const r = document.getElementById('notification-list').getBoundingClientRect();" +
            "return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, vw: window.innerWidth, vh: window.innerHeight, sw: document.documentElement.scrollWidth };")!;
        double N(string k) => Convert.ToDouble(box[k]);
        Assert.True(N("left") >= 0 && N("top") >= 0 && N("right") <= N("vw") && N("bottom") <= N("vh"),
            $"the list ({N("left")},{N("top")})-({N("right")},{N("bottom")}) is outside the {N("vw")}x{N("vh")} screen");
        Assert.True(N("sw") <= 390, $"the page scrolls sideways: scrollWidth {N("sw")}");

        phone.Driver.SwitchTo().ActiveElement().SendKeys(Keys.Escape);
        phone.WaitUntil(d => d.FindElements(By.Id("notification-list")).Count == 0);
        phone.WaitUntil(_ => (string?)Js(phone, "return document.activeElement && document.activeElement.id;") == "notification-bell");
    }
}
