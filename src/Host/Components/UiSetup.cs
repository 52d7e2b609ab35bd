using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Approvals.Host.Components;

/// <summary>The web UI: Blazor (interactive server) with MudBlazor, the language switch, and the sign-in/out entry points.</summary>
public static class UiSetup
{
    private static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddApprovalsUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, ChineseMudTexts>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<UserNames>();
        builder.Services.AddScoped<Approvals.Host.Components.Pages.Admin.Org.OrgAdministration>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Only the explicit choice (the cookie) counts; a browser set to English still gets Chinese by default.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void UseApprovalsUi(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
    }

    public static void MapApprovalsUi(this WebApplication app)
    {
        app.MapStaticAssets();
        // Framing is refused host-wide (Security/SecurityHeaders.cs: frame-ancestors 'none'), not just by other origins.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        // /account/signin and /account/signout are the sign-in module's (src/Host/SignIn/AccountEndpoints.cs).
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/language", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name == culture) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Approvals.Host.SignIn.ReturnUrls.Safe(returnUrl));
        });
    }
}
