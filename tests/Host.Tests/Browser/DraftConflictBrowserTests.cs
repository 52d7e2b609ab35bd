using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>Two administrators edit one draft in two browsers: the second, stale save is stopped and nothing is lost.</summary>
public sealed class DraftConflictBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    private const string Flow = "dbt-two-admins";

    private static void Rename(ChromeSession admin, string node, string nameZh)
    {
        Designer.SelectNode(admin, node);
        admin.Type(Designer.Input("prop-name-zh"), nameZh);
        admin.Wait(By.Id("designer-unsaved"));
    }

    [Fact]
    public void A_stale_save_shows_the_conflict_dialog_keeps_the_unsaved_work_and_the_first_admins_change_stays_stored()
    {
        using var a = new ChromeSession(server.Origin, 1440, 900);
        Designer.CreateFlow(a, Flow, "浏览器测试：两位管理员");
        using var b = new ChromeSession(server.Origin, 1440, 900);
        b.SignIn("admin", path: $"/admin/flows/{Flow}");
        b.Wait(By.Id("designer-canvas"), 60);
        b.Wait(By.Id("node-end"));

        // A renames the start and saves; B, who opened the draft before that, renames the end and saves.
        Rename(a, "start", "甲改的开始");
        a.Click("#designer-save");
        a.WaitForText("草稿已保存");
        a.WaitUntil(d => d.FindElements(By.Id("designer-unsaved")).Count == 0);

        Rename(b, "end", "乙改的结束");
        b.Click("#designer-save");
        Assert.Contains("另一位管理员保存或删除了这份草稿", Designer.TextOf(b, "#draft-conflict-text"));
        b.Screenshot("draft-conflict");

        // 取消: B's work stays on the page and in this browser's copy.
        b.Click("#draft-conflict-cancel");
        b.WaitUntil(d => d.FindElements(By.Id("draft-conflict-text")).Count == 0);
        b.Wait(By.Id("designer-unsaved"));
        Assert.Contains("乙改的结束", Designer.TextOf(b, "#node-end"));
        b.WaitUntil(d => (((IJavaScriptExecutor)d).ExecuteScript($"return localStorage.getItem('approvals.designer:{Flow}')") as string ?? "").Contains("乙改的结束"));

        // 重新加载 brings the stored draft: A's change, not B's.
        b.Click("#designer-save");
        b.Click("#draft-conflict-reload");
        b.WaitUntil(d => d.FindElement(By.Id("node-start")).Text.Contains("甲改的开始"), 60);
        Assert.DoesNotContain("乙改的结束", Designer.TextOf(b, "#node-end"));

        // B's change on top of A's saves now: both are in the draft A sees after reloading.
        Rename(b, "end", "乙改的结束");
        b.Click("#designer-save");
        b.WaitUntil(d => d.FindElements(By.Id("designer-unsaved")).Count == 0);
        Assert.Empty(b.Driver.FindElements(By.Id("draft-conflict-text")));
        a.Go($"/admin/flows/{Flow}");
        a.WaitUntil(d => d.FindElements(By.Id("node-end")).Any(e => e.Text.Contains("乙改的结束")), 60);
        Assert.Contains("甲改的开始", Designer.TextOf(a, "#node-start"));
    }
}
