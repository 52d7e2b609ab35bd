using System.Text.Json;
using Deque.AxeCore.Commons;
using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.1 A and AA rules) over every page, as the role that uses it, in Chinese and English, on a
/// desktop and a phone, and at 320 px for reflow: no violation, and no page wider than the screen.
/// </summary>
public sealed class AccessibilityBrowserTests(AccessibilityBrowserTests.Office office) : IClassFixture<AccessibilityBrowserTests.Office>
{
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>A host with one leave request waiting for its chief, so the request and task pages have content.</summary>
    public sealed class Office : IAsyncLifetime
    {
        public BrowserHost Server { get; } = new();
        public string RequestId { get; private set; } = "";
        public string TaskPath { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            await Server.InitializeAsync();
            using var staff = new ChromeSession(Server.Origin);
            staff.SignIn("yangfan");
            RequestId = LeaveRequestBrowserTests.SubmitLeave(staff, "家中有事需处理（无障碍检查）");
            using var chief = new ChromeSession(Server.Origin);
            chief.SignIn("zhangwei");
            LeaveRequestBrowserTests.OpenTaskFor(chief, "无障碍检查");
            TaskPath = new Uri(chief.Driver.Url).AbsolutePath;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    public static TheoryData<string, string, int> Audits()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var role in new[] { "yangfan", "zhangwei", "admin" })
        {
            foreach (var width in new[] { 1366, 390 }) foreach (var culture in new[] { "zh-CN", "en" }) data.Add(role, culture, width);
            data.Add(role, "zh-CN", 320);
        }
        return data;
    }

    private IEnumerable<string> PagesOf(string role) => role switch
    {
        "yangfan" => ["/", "/start", "/start/leave-request", "/requests", $"/requests/{office.RequestId}", "/done", "/cc"],
        "zhangwei" => ["/tasks", office.TaskPath],
        _ => ["/admin/flows", "/admin/flows/leave-request", "/admin/instances", $"/admin/instances/{office.RequestId}",
              "/admin/org", "/admin/calendar", "/admin/assets"],
    };

    [Theory]
    [MemberData(nameof(Audits))]
    public void Every_page_passes_axe_and_fits_the_screen(string role, string culture, int width)
    {
        using var s = new ChromeSession(office.Server.Origin, width, width < 600 ? 844 : 800);
        s.SignIn(role);
        s.Go($"/account/language?culture={culture}&returnUrl=%2F");
        s.WaitForBlazor();
        s.Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        var failures = new List<string>();
        foreach (var path in PagesOf(role))
        {
            s.Go(path);
            s.WaitForBlazor();
            // Loaded: a page heading is shown and no progress indicator is left.
            s.WaitUntil(d => d.FindElements(By.CssSelector("main h1")).Any(e => e.Displayed)
                             && d.FindElements(By.CssSelector(".mud-progress-circular, .mud-skeleton")).Count == 0);
            Assert.Equal(culture, Js(s, "return document.documentElement.lang;"));
            foreach (var v in Violations(s)) failures.Add($"{path}: {v}");
            var scrollWidth = Convert.ToInt32(Js(s, "return document.documentElement.scrollWidth;"));
            if (scrollWidth > width) failures.Add($"{path}: {scrollWidth} px wide on a {width} px screen");
        }
        if (failures.Count > 0) s.Screenshot($"axe-{role}-{culture}-{width}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static object? Js(ChromeSession s, string script) => ((IJavaScriptExecutor)s.Driver).ExecuteScript(script);

    /// <summary>axe's WCAG 2.1 A/AA violations on the current page, each as "rule (n elements): first selectors".</summary>
    private static IEnumerable<string> Violations(ChromeSession s)
    {
        var js = (IJavaScriptExecutor)s.Driver;
        if (js.ExecuteScript("return typeof window.axe;") as string != "object") js.ExecuteScript(AxeSource);
        var json = (string)js.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, n: v.nodes.length, at: v.nodes.slice(0, 3).map(x => x.target.join(' ')) })))))
              .catch(e => done(JSON.stringify([{ id: 'axe-error', n: 0, at: [String(e)] }])));
            """)!;
        using var doc = JsonDocument.Parse(json);
        foreach (var v in doc.RootElement.EnumerateArray())
            yield return $"{v.GetProperty("id").GetString()} ({v.GetProperty("n").GetInt32()}): "
                         + string.Join(" | ", v.GetProperty("at").EnumerateArray().Select(a => a.GetString()));
    }
}
