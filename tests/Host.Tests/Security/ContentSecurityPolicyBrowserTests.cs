using Approvals.Host.Tests.Browser;
using OpenQA.Selenium;

namespace Approvals.Host.Tests.Security;

/// <summary>
/// The Content-Security-Policy lets the real UI work, in headless Chromium after a real sign-in: the workbench, a
/// start form, the flow designer (Z.Blazor.Diagrams) and the API reference (Scalar) load with no CSP violation in
/// the console and stay interactive (the circuit answers a click).
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserHost server) : IClassFixture<BrowserHost>
{
    private static void AssertNoViolation(ChromeSession session, string page)
    {
        var violations = session.ConsoleMessages().Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                                              || m.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(violations.Count == 0, $"{page}: {string.Join("\n", violations)}");
    }

    [Fact]
    public void The_ui_the_designer_and_the_api_reference_run_under_the_policy()
    {
        using var admin = new ChromeSession(server.Origin, 1440, 900);
        admin.SignIn("admin", path: "/");
        AssertNoViolation(admin, "/");

        // Interactive: a click on the navigation is handled by the circuit (no page load) and renders the list.
        admin.Go("/admin/flows");
        admin.Wait(By.Id("flows-table"), 60);
        AssertNoViolation(admin, "/admin/flows");

        admin.Go("/admin/flows/leave-request");
        admin.Wait(By.Id("designer-canvas"), 60);
        admin.WaitUntil(d => d.FindElements(By.CssSelector("[id^='node-']")).Count > 5, 60);
        admin.ClickWhenReady(By.XPath("//*[contains(@class,'mud-tab')][normalize-space(.)='问题']"));
        Assert.Equal("0", admin.Wait(By.Id("designer-problems")).GetAttribute("data-count"));
        AssertNoViolation(admin, "/admin/flows/leave-request");

        admin.Go("/start");
        admin.WaitForBlazor();
        AssertNoViolation(admin, "/start");

        admin.Go("/api/reference");
        // Scalar renders the document's operations (it ran its inline configuration and fetched /openapi/v1.json).
        try
        {
            admin.WaitUntil(d => d.FindElement(By.TagName("body")).Text.Contains("/api/definitions/{id}/versions"), 60);
        }
        catch (WebDriverTimeoutException)
        {
            admin.Screenshot("api-reference-failed");
            throw new InvalidOperationException("the API reference did not render: " + string.Join("\n", admin.ConsoleMessages())
                                                + "\n" + admin.Driver.PageSource[..Math.Min(3000, admin.Driver.PageSource.Length)]);
        }
        admin.Screenshot("api-reference");
        AssertNoViolation(admin, "/api/reference");
    }
}
