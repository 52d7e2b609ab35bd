using System.Security.Claims;
using Approvals.Host.Api;
using Approvals.Host.SignIn.Provider;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using static Approvals.Host.SignIn.Pages;

namespace Approvals.Host.SignIn;

/// <summary>
/// The host's own sign-in pages, the same for the embedded and an external provider:
/// <c>/account/signin</c> starts the OpenID Connect sign-in (<c>?returnUrl=</c>, <c>?prompt=login</c>),
/// <c>/account/signout</c> (POST, antiforgery) ends both sessions, <c>/account</c> shows who is signed in,
/// <c>/account/unknown</c> tells a person the provider knows but the organisation does not, <c>/account/signed-out</c>.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin", SignOutPath = "/account/signout", AccountPath = "/account",
        UnknownPath = "/account/unknown", SignedOutPath = "/account/signed-out";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous even under a fallback "signed in" policy: these pages are how one signs in and out.
        var account = app.MapGroup("").ExcludeFromDescription().AllowAnonymous();
        account.MapGet(SignInPath, SignIn);
        account.MapGet(AccountPath, Account);
        account.MapGet(SignOutPath, SignOutPage);
        account.MapPost(SignOutPath, SignOutAsync);
        account.MapGet(UnknownPath, Unknown);
        account.MapGet(SignedOutPath, SignedOut);
    }

    private static IResult SignIn(HttpContext http, string? returnUrl, string? prompt)
    {
        var target = ReturnUrls.Safe(returnUrl);
        var again = string.Equals(prompt, "login", StringComparison.Ordinal);
        if (!again && SignedIn(http)) return Results.Redirect(target);
        var properties = new OpenIdConnectChallengeProperties { RedirectUri = target };
        if (again) properties.Prompt = "login";
        if (ChosenLanguage(http) is { } lang) properties.Items[SignInSetup.LanguageItem] = lang;
        return Results.Challenge(properties, [SignInSetup.OidcScheme]);
    }

    private static IResult Account(HttpContext http)
    {
        if (!SignedIn(http)) return Results.Redirect(WithLang(http, SignInPath + "?returnUrl=" + Uri.EscapeDataString(AccountPath)));
        var id = http.User.FindFirstValue(ApiSecurity.UserIdClaim);
        var name = http.User.FindFirstValue("name") ?? id;
        var body = $"""
            <h1>{E(T(http, "账号", "Account"))}</h1>
            <p>{E(T(http, "当前登录：", "Signed in as "))}<strong>{E(name)}</strong>（{E(id)}）</p>
            {SignOutForm(http)}
            {LanguageSwitch(http)}
            """;
        return Page(http, T(http, "账号", "Account"), body);
    }

    private static IResult SignOutPage(HttpContext http)
    {
        if (!SignedIn(http)) return Results.Redirect(WithLang(http, SignedOutPath));
        var body = $"""
            <h1>{E(T(http, "退出登录", "Sign out"))}</h1>
            <p class="note">{E(T(http, "退出后需要重新输入密码才能登录。", "After signing out you will need your password to sign in again."))}</p>
            {SignOutForm(http)}
            """;
        return Page(http, T(http, "退出登录", "Sign out"), body);
    }

    /// <summary>Ends the host's session and, when the provider has an end-session endpoint, the provider's too.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, AuthorityConfiguration authority, ILoggerFactory logs)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Page(http, T(http, "退出登录", "Sign out"), $"""
                <h1>{E(T(http, "退出登录", "Sign out"))}</h1>
                <p class="error" role="alert">{E(T(http, "页面已过期，请重新点击“退出登录”。", "This page has expired; please press “Sign out” again."))}</p>
                {SignOutForm(http)}
                """, StatusCodes.Status400BadRequest);
        var properties = new AuthenticationProperties { RedirectUri = WithLang(http, SignedOutPath) };
        if (!SignedIn(http)) return Results.Redirect(properties.RedirectUri);
        var endSession = false;
        try
        {
            endSession = !string.IsNullOrEmpty((await authority.GetConfigurationAsync(http.RequestAborted)).EndSessionEndpoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(AccountEndpoints)).LogWarning(e, "The provider's configuration could not be read; only the host's session is ended");
        }
        return endSession
            ? Results.SignOut(properties, [SignInSetup.CookieScheme, SignInSetup.OidcScheme])
            : Results.SignOut(properties, [SignInSetup.CookieScheme]);
    }

    private static IResult Unknown(HttpContext http, string? login)
    {
        var body = $"""
            <h1>{E(T(http, "无法登录", "Cannot sign in"))}</h1>
            <p class="error" role="alert">{E(T(http, "您的账号不在本单位组织架构中，请联系管理员", "Your account is not in this office's organisation; please contact the administrator"))}</p>
            {(string.IsNullOrWhiteSpace(login) ? "" : $"""<p class="note">{E(T(http, "登录账号：", "Account: "))}{E(login)}</p>""")}
            <a class="button" href="{E(WithLang(http, SignInPath + "?prompt=login"))}">{E(T(http, "使用其他账号登录", "Sign in with another account"))}</a>
            {LanguageSwitch(http)}
            """;
        return Page(http, T(http, "无法登录", "Cannot sign in"), body);
    }

    private static IResult SignedOut(HttpContext http)
    {
        var body = $"""
            <h1>{E(T(http, "您已安全退出", "You have signed out"))}</h1>
            <a class="button" href="{E(WithLang(http, SignInPath))}">{E(T(http, "重新登录", "Sign in again"))}</a>
            {LanguageSwitch(http)}
            """;
        return Page(http, T(http, "已退出", "Signed out"), body);
    }

    private static string SignOutForm(HttpContext http) => $"""
        <form method="post" action="{E(WithLang(http, SignOutPath))}">
        {AntiforgeryField(http)}
        <button type="submit" class="secondary">{E(T(http, "退出登录", "Sign out"))}</button>
        </form>
        """;

    /// <summary>Signed in to the host through the sign-in cookie (not a bearer token or the dev header).</summary>
    private static bool SignedIn(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, AuthenticationType: SignInSetup.CookieScheme };
}
