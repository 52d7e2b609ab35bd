using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// Two promises of the web UI no other browser test keeps: the 文A menu turns the pages into English and back, and
/// 撤回 on a request opened from 我的申请 withdraws it for good.
/// </summary>
public sealed class LanguageAndWithdrawBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    /// <summary>A staff member of 综合科, whose hand-over colleague 黄丽 the leave form offers.</summary>
    private const string Staff = "xuhao";

    private static string Heading(ChromeSession s) => s.Wait(By.TagName("h1")).Text;

    /// <summary>Opens the 文A menu (named by its label in the current language) and picks <paramref name="language"/>.</summary>
    private static void SwitchLanguage(ChromeSession s, string menuLabel, string language)
    {
        // MudMenu puts the label on its button or on the element around it, depending on the version.
        s.ClickWhenReady(By.CssSelector($"button[aria-label='{menuLabel}'], [aria-label='{menuLabel}'] button"));
        s.ClickWhenReady(By.XPath($"//*[contains(@class,'mud-menu-item')][normalize-space(.)='{language}']"));
    }

    [Fact]
    public void The_language_menu_turns_the_page_into_english_and_back_into_chinese()
    {
        using var s = new ChromeSession(server.Origin);
        s.SignIn(Staff);
        s.WaitUntil(_ => Heading(s).StartsWith("工作台", StringComparison.Ordinal));
        Assert.True(s.PageContains("区政府办公室审批平台"), "the Chinese title bar");

        SwitchLanguage(s, "语言", "English");
        s.WaitUntil(_ => Heading(s).StartsWith("Workbench", StringComparison.Ordinal));
        s.WaitForBlazor();
        Assert.True(s.PageContains("District Office Approvals"), "the English title bar");
        Assert.False(s.PageContains("工作台"), "no Chinese heading left on the English page");

        // The choice is kept: another page opens in English too.
        s.Go("/requests");
        s.WaitForBlazor();
        s.WaitUntil(_ => !s.PageContains("我的申请"));

        SwitchLanguage(s, "Language", "中文");
        s.WaitUntil(_ => s.PageContains("我的申请"));
        s.Go("/");
        s.WaitUntil(_ => Heading(s).StartsWith("工作台", StringComparison.Ordinal));
        Assert.True(s.PageContains("区政府办公室审批平台"));
    }

    [Fact]
    public void Withdraw_from_my_requests_ends_the_request_as_withdrawn_and_it_stays_withdrawn()
    {
        using var s = new ChromeSession(server.Origin);
        s.SignIn(Staff);
        var id = LeaveRequestBrowserTests.SubmitLeave(s, "家里的事已经解决（撤回测试）");

        s.Go("/requests");
        s.ClickWhenReady(By.CssSelector($"a[href$='requests/{id}']"));
        s.WaitUntil(d => d.Url.EndsWith($"/requests/{id}", StringComparison.Ordinal));
        s.ClickWhenReady(By.XPath("//button[contains(., '撤回')]"));

        s.WaitUntil(_ => s.Wait(By.Id("request-status")).Text == "已撤回");
        Assert.Empty(s.Driver.FindElements(By.XPath("//button[contains(., '撤回')]")));

        // Stored, not only shown: a fresh load and the list both say so.
        s.Driver.Navigate().Refresh();
        s.WaitUntil(_ => s.Wait(By.Id("request-status")).Text == "已撤回");
        s.Go("/requests");
        s.WaitUntil(_ => s.PageContains("已撤回"));
    }
}
