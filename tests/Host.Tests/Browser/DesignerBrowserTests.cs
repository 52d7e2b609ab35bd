using System.Diagnostics;
using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>The administrator opens the office's flows in the visual designer, in a real browser after a real sign-in.</summary>
public sealed class DesignerBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData("document-signoff")]
    [InlineData("leave-request")]
    [InlineData("asset-transfer")]
    [InlineData("supervision")]
    public void Each_office_flow_opens_in_the_designer_with_every_node_drawn_and_no_problem(string flow)
    {
        using var admin = new ChromeSession(server.Origin, 1440, 900);
        admin.SignIn("admin", path: $"/admin/flows/{flow}");
        var watch = Stopwatch.StartNew();
        admin.Wait(By.Id("designer-canvas"), 60);
        admin.WaitUntil(d => d.FindElements(By.CssSelector("[id^='node-']")).Count > 5, 60);
        watch.Stop();
        admin.Screenshot($"designer-{flow}");
        admin.ClickWhenReady(By.XPath("//*[contains(@class,'mud-tab')][normalize-space(.)='问题']"));
        var problems = admin.Wait(By.Id("designer-problems")).GetAttribute("data-count");
        Assert.Equal("0", problems);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"opened in {watch.Elapsed}");
    }
}
