using Approvals.Host.Tests.Browser;
using Approvals.Host.Tests.SignIn;
using OpenQA.Selenium;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// The production smoke test: the published build, started in Production from another folder with its own data,
/// serves the UI, finds the flows, the 2026 calendar and the demo office it carries, reads its appsettings.json (the
/// demo passwords) and says at every start that demo passwords are on. A person signs in with Chromium and a leave
/// request goes through.
/// </summary>
public sealed class PublishedBuildTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    private static readonly string[] OfficeFlows = ["document-signoff", "leave-request", "asset-transfer", "supervision"];
    private static readonly string[] UiAssets = ["/_content/MudBlazor/MudBlazor.min.css", "/_framework/blazor.web.js"];

    [Fact]
    public void The_published_output_carries_the_flows_the_calendar_the_demo_office_and_the_asset_register()
    {
        foreach (var file in OfficeFlows.Select(f => f + ".json").Concat(["calendar/cn-2026.json", "org/demo-office.json", "assets/demo-assets.csv"]))
            Assert.True(File.Exists(Path.Combine(app.App, "workflows", file)), $"workflows/{file} is not in the published output");
        Assert.Contains($"workflows {Path.Combine(app.App, "workflows")}", app.Host.Output);
    }

    [Fact]
    public async Task The_ui_assets_of_the_packages_are_served()
    {
        using var http = new HttpClient();
        foreach (var asset in UiAssets)
        {
            var response = await http.GetAsync(app.Host.Origin + asset, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 1000, $"{asset} is empty");
        }
    }

    [Fact]
    public async Task The_four_office_flows_are_loaded_and_listed_to_the_administrator()
    {
        using var browser = new SignIn.Browser();
        await browser.SignInAsync(app.Host.Origin, "admin");
        var list = (await browser.GetAsync(app.Host.Origin + "/api/definitions")).Body;
        var ids = JsonNode.Parse(list).Items().Select(d => (string?)d["id"]).ToList();
        foreach (var flow in OfficeFlows) Assert.Contains(flow, ids);
    }

    [Fact]
    public async Task The_working_calendar_is_the_2026_one_and_the_data_is_in_the_configured_folder()
    {
        using var http = new HttpClient();
        var health = await (await http.GetAsync(app.Host.Origin + "/health", Ct)).JsonAsync();
        Assert.Contains(2026, health["calendar"]!.AsArray().Select(y => (int)y!));
        Assert.True(File.Exists(Path.Combine(app.Data, "approvals.db")), "the database is in Paths:Data");
        Assert.Empty(Directory.GetFileSystemEntries(app.Elsewhere));
        Assert.DoesNotContain("No calendar data", app.Host.Output);
    }

    [Fact]
    public async Task Demo_passwords_are_warned_about_at_every_start_not_only_the_first()
    {
        Assert.Contains("Demo passwords are on in Production", app.Host.Output);
        // A second start on the same data: nobody is given a password any more, the warning still comes.
        await using var again = await app.StartAsync(app.Data);
        Assert.DoesNotContain("were given the demo password", again.Output);
        Assert.Contains("Demo passwords are on in Production", again.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dotnet_run_in_release_and_production_serves_the_ui_too(bool projectAsContentRoot)
    {
        // The issue's command: `dotnet run --project src/Host -c Release --no-launch-profile` in Production. It runs the build,
        // not the publish, whose package assets stay in NuGet's folders; dotnet run starts it in src/Host. (--no-build: the
        // fixture's publish has just built Release.) With the project folder as the content root its wwwroot is the web root,
        // which lacks the package assets: they come from the build's list of static web assets.
        var data = Path.Combine(app.Root, $"run-data-{projectAsContentRoot}");
        var project = Path.Combine(HostFolder.RepositoryRoot, "src", "Host");
        await using var run = await HostProcess.StartAsync("dotnet",
            ["run", "--project", project, "-c", "Release", "--no-launch-profile", "--no-build", "--", .. (projectAsContentRoot ? ["--contentRoot", project] : Array.Empty<string>())],
            app.Elsewhere,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Paths__Data"] = data, ["Paths__Logs"] = app.Logs }, Ct);
        using var http = new HttpClient();
        foreach (var asset in UiAssets)
        {
            var response = await http.GetAsync(run.Origin + asset, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} from dotnet run: {(int)response.StatusCode}");
        }
        Assert.True(File.Exists(Path.Combine(data, "approvals.db")));
    }

    [Fact]
    public void In_a_browser_the_ui_is_styled_and_a_leave_request_is_approved_by_the_chief()
    {
        using var staff = new ChromeSession(app.Host.Origin);
        staff.SignIn("yangfan", SignInFlows.DemoPassword);
        var background = (string)((IJavaScriptExecutor)staff.Driver).ExecuteScript(
            "return getComputedStyle(document.querySelector('.mud-appbar')).backgroundColor;")!;
        staff.Screenshot("deploy-01-workbench");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        ChromeSession? chief = null;
        try
        {
            var id = LeaveRequestBrowserTests.SubmitLeave(staff, "家中有事（生产环境冒烟测试）");

            chief = new ChromeSession(app.Host.Origin);
            chief.SignIn("zhangwei");
            LeaveRequestBrowserTests.OpenTaskFor(chief, "生产环境冒烟测试");
            chief.Type("textarea#comment, #comment textarea", "同意（生产环境）");
            chief.Click("#action-approve");
            chief.Wait(By.Id("action-done"));

            staff.Go($"/requests/{id}");
            staff.WaitForText("同意（生产环境）");
            staff.Screenshot("deploy-02-approved");
        }
        catch (Exception) when (Shot(staff, "deploy-failed-staff") | (chief is not null && Shot(chief, "deploy-failed-chief")))
        {
            throw;
        }
        finally
        {
            chief?.Dispose();
        }
    }

    [Fact]
    public void The_calendar_page_shows_the_2026_national_day_off_and_its_working_saturday()
    {
        using var admin = new ChromeSession(app.Host.Origin);
        admin.SignIn("admin", path: "/admin/calendar");
        var target = new DateOnly(2026, 10, 1);
        for (var step = 0; step < 60; step++)
        {
            var shown = admin.TextOf(By.Id("calendar-month"));
            var month = Month(shown);
            if (month == target) break;
            admin.Click(month > target ? "#calendar-prev" : "#calendar-next");
            // A click that reached the prerendered page before the circuit was up changes nothing: click again.
            try { admin.WaitUntil(d => d.FindElement(By.Id("calendar-month")).Text != shown, 5); }
            catch (WebDriverTimeoutException) { }
        }
        Assert.Equal("true", admin.Wait(By.Id("calendar-day-2026-10-10")).GetAttribute("data-working"));
        Assert.Equal("false", admin.Wait(By.Id("calendar-day-2026-10-01")).GetAttribute("data-working"));
    }

    /// <summary>A screenshot for the failure's report; false, so the exception filter never swallows anything.</summary>
    private static bool Shot(ChromeSession session, string name)
    {
        try { session.Screenshot(name); } catch (WebDriverException) { }
        return false;
    }

    /// <summary>"2026 年 10 月" → 2026-10-01.</summary>
    private static DateOnly Month(string shown)
    {
        var parts = shown.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new DateOnly(int.Parse(parts[0]), int.Parse(parts[2]), 1);
    }
}
