using System.Globalization;
using Approvals.Activities.Assets;
using Approvals.Host.Components.Pages.Admin.Assets;
using Approvals.Host.Components.Pages.Admin.Calendar;
using Approvals.Host.Components.Pages.Admin.Org;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Approvals.Host.Components;
using MudBlazor.Services;

namespace Approvals.Host.Tests.Designer;

/// <summary>The admin pages for the organisation, the working calendar and the asset register, on the demo office.</summary>
[Collection(DesignerCollection.Name)]
public sealed class AdminPagesTests(DesignerHarness harness) : IAsyncDisposable
{
    // 2026-11-27 10:00 in Shanghai: the data has 2026, not 2027.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly List<BunitContext> _contexts = [];
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        foreach (var c in _contexts) await c.DisposeAsync();
    }

    private BunitContext Context(string user = "admin")
    {
        // As DesignerHarness.NewContext, plus what these pages need beyond the engine: the calendar, the register, a fixed clock.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        var ctx = new BunitContext();
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        ctx.Services.AddSingleton<IBusinessCalendar>(BusinessCalendar.FromDirectory(Path.Combine(HostFolder.RepositoryWorkflows, "calendar")));
        ctx.Services.AddSingleton(Register);
        ctx.Services.AddMudServices();
        var org = harness.Services.GetRequiredService<IOrganization>();
        ctx.Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(), org));
        ctx.Services.AddScoped(_ => new UserNames(org));
        ctx.Services.AddScoped(_ => harness.OrgAdministration());
        ctx.Services.AddFallbackServiceProvider(harness.Services);
        ctx.AddAuthorization().SetAuthorized(user).SetClaims(new System.Security.Claims.Claim(Approvals.Host.Api.ApiSecurity.UserIdClaim, user));
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _contexts.Add(ctx);
        return ctx;
    }

    private AssetRegister Register => _register ??= new AssetRegister(harness.Services.GetRequiredService<ApprovalsDb>(),
        harness.Services.GetRequiredService<IOrganization>(), TimeProvider.System);
    private AssetRegister? _register;

    private async Task SeedAssetsAsync() =>
        await Register.SeedIfEmptyAsync(Path.Combine(HostFolder.RepositoryWorkflows, "assets", "demo-assets.csv"));

    [Fact]
    public void Org_page_lists_sections_people_and_groups_and_filters_with_the_search_box()
    {
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(Context());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-user-zhouwenhua")));
        Assert.NotNull(cut.Find("#org-section-general"));
        Assert.NotEmpty(cut.FindAll("#org-groups tbody tr"));
        Assert.Contains("停用人员及其待办转交", cut.Find("#org-deactivate-note").TextContent);
        Assert.NotNull(cut.Find("#org-import-file"));

        cut.Find("#org-search").Input("周文华");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#org-users tbody tr")));
        Assert.NotNull(cut.Find("#org-user-zhouwenhua"));
    }

    [Fact]
    public void Org_import_with_a_bad_csv_line_names_the_line_and_imports_nothing()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(Context());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-import-file")));

        var csv = "id,name,section,position,title,email,mobile,isAdmin,active\n"
                  + "tester-ok,测试甲,general,Staff,科员,,,false,true\n"
                  + "tester-bad,测试乙,general,Staff,科员,,,maybe,true\n";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "users.csv"));
        cut.WaitForAssertion(() => Assert.Contains("was not imported", cut.Find("#org-import-error").TextContent));
        Assert.Contains("line 3", cut.Find("#org-import-problems").TextContent);
        Assert.Empty(cut.FindAll("#org-user-tester-ok"));
    }

    [Fact]
    public async Task Org_page_adds_and_removes_an_out_of_office_period()
    {
        var org = harness.Services.GetRequiredService<OrganizationService>();
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(Context());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-ooo-add")));

        // Without the fields the page says what is missing.
        cut.Find("#org-ooo-add").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-ooo-error")));

        var added = await org.SetOutOfOfficeAsync("wangjing", Now, Now.AddDays(2), "liuyang", "admin-pages-test");
        try
        {
            var fresh = DesignerHarness.RenderWithMud<OrgAdmin>(Context());
            fresh.WaitForAssertion(() => Assert.NotNull(fresh.Find($"#org-ooo-{added.Id}")));
            fresh.Find($"#org-ooo-{added.Id}-remove").Click();
            fresh.WaitForAssertion(() => Assert.Empty(fresh.FindAll($"#org-ooo-{added.Id}")));
            Assert.Null(await org.FindOutOfOfficeAsync(added.Id));
        }
        finally
        {
            if (await org.FindOutOfOfficeAsync(added.Id) is not null) await org.RemoveOutOfOfficeAsync(added.Id);
        }
    }

    [Fact]
    public void Calendar_page_warns_that_next_year_has_no_data_and_shows_the_loaded_year_and_a_month()
    {
        var cut = DesignerHarness.RenderWithMud<CalendarAdmin>(Context(), p => p.Add(x => x.Month, new DateOnly(2026, 10, 1)));
        cut.WaitForAssertion(() => Assert.Contains("2027 年节假日数据尚未导入，暂按周一至周五计算", cut.Find("#calendar-warning").TextContent));
        Assert.NotNull(cut.Find("#calendar-year-2026"));
        Assert.NotEmpty(cut.FindAll("#calendar-holidays-2026 tr"));
        Assert.Contains("08:40", cut.Find("#calendar-hours").TextContent);
        // National Day: 1 October 2026 is a holiday, 9 October an ordinary Friday.
        Assert.Equal("false", cut.Find("#calendar-day-2026-10-01").GetAttribute("data-working"));
        Assert.Equal("true", cut.Find("#calendar-day-2026-10-09").GetAttribute("data-working"));
        Assert.Equal("false", cut.Find("#calendar-day-2026-10-18").GetAttribute("data-working"));
    }

    [Fact]
    public async Task Assets_page_lists_filters_and_shows_the_moves_of_an_asset()
    {
        await SeedAssetsAsync();
        var code = "T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Register.ImportCsvAsync($"code,name,category,section,location,value,status\n{code},测试台账资产,测试类,general,一楼,100,InUse\n", "admin");
        await Register.ImportCsvAsync($"code,name,category,section,location,value,status\n{code},测试台账资产,测试类,finance,二楼,100,InUse\n", "admin");

        var cut = DesignerHarness.RenderWithMud<AssetsAdmin>(Context());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#assets-table")));
        Assert.NotEmpty(cut.FindAll("#assets-table tbody tr"));

        cut.Find("#assets-text").Change(code);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#assets-table tbody tr")), TimeSpan.FromSeconds(20));
        cut.Find($"#asset-{code}-open").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#asset-history-table tbody tr")));
    }

    [Fact]
    public async Task Assets_import_with_a_bad_csv_line_names_the_line()
    {
        await SeedAssetsAsync();
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var cut = DesignerHarness.RenderWithMud<AssetsAdmin>(Context());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#assets-import-file")));
        var csv = "code,name,category,section,location,value,status\nT-OK-1,好的,测试类,general,,1,InUse\nT-BAD-1,坏的,测试类,no-such-section,,1,InUse\n";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "assets.csv"));
        cut.WaitForAssertion(() => Assert.Contains("第 3 行", cut.Find("#assets-import-problems").TextContent));
        Assert.Null(await Register.GetAsync("T-OK-1"));
    }

    [Fact]
    public void Admin_pages_show_the_admin_only_message_to_others()
    {
        var ctx = Context("zhangwei");
        var org = DesignerHarness.RenderWithMud<OrgAdmin>(ctx);
        org.WaitForAssertion(() => Assert.NotNull(org.Find("#admin-only")));
        Assert.Empty(org.FindAll("#org-users"));
        var calendar = ctx.Render<CalendarAdmin>();
        calendar.WaitForAssertion(() => Assert.NotNull(calendar.Find("#admin-only")));
        Assert.Empty(calendar.FindAll("#calendar-grid"));
        var assets = ctx.Render<AssetsAdmin>();
        assets.WaitForAssertion(() => Assert.NotNull(assets.Find("#admin-only")));
        Assert.Empty(assets.FindAll("#assets-table"));
    }
}
