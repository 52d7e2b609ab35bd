using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static Approvals.Host.SignIn.Pages;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// The embedded provider's login page (<c>/idp/login</c>): login and password, antiforgery, the error next to the
/// form with the typed login kept. A right password starts the provider's own session (cookie scheme
/// <see cref="EmbeddedProvider.SessionScheme"/>) and returns to the authorization request that asked for it.
/// </summary>
public static class LoginPage
{
    public const string Path = "/idp/login";

    public static void MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, string? returnUrl) => Render(http, ReturnUrls.Safe(returnUrl), "", null)).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(Path, PostAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> PostAsync(HttpContext http, IAntiforgery antiforgery, CredentialStore credentials, LoginThrottle throttle, TimeProvider clock)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or BadHttpRequestException)
        {
            // Not a form, or one with characters no login has (a NUL byte): the form again, not a 500.
            return Render(http, ReturnUrls.Home, "", T(http, "提交的内容无法识别，请重新输入账号和密码。", "The form could not be read; please enter your account and password again."),
                StatusCodes.Status400BadRequest);
        }
        var returnUrl = form["returnUrl"].ToString();
        var login = form["login"].ToString().Trim();
        var password = form["password"].ToString();
        if (!await antiforgery.IsRequestValidAsync(http))
            return Render(http, returnUrl, login, T(http, "页面已过期，请重新输入密码登录。", "This page has expired; please enter your password again."), StatusCodes.Status400BadRequest);
        if (login.Length == 0 || password.Length == 0)
            return Render(http, returnUrl, login, T(http, "请输入账号和密码。", "Enter your account and password."));
        var attempt = throttle.TryBegin(login, http.Connection.RemoteIpAddress, out var retryAt);
        if (attempt is null) return Throttled(http, returnUrl, login, retryAt, clock);
        string? userId;
        try
        {
            userId = await credentials.VerifyAsync(login, password, http.RequestAborted);
        }
        catch
        {
            attempt.Abandon();
            throw;
        }
        if (userId is null)
        {
            attempt.Failed();
            return Render(http, returnUrl, login, T(http, "账号或密码不正确，请重新输入。", "The account or password is incorrect."));
        }
        attempt.Succeeded();
        var identity = new ClaimsIdentity(EmbeddedProvider.SessionScheme, "name", "role");
        identity.AddClaim(new Claim("sub", userId));
        await http.SignInAsync(EmbeddedProvider.SessionScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(ReturnUrls.Safe(returnUrl));
    }

    /// <summary>Held: 429, the form again with when to come back (in minutes, rounded up), and Retry-After.</summary>
    private static IResult Throttled(HttpContext http, string returnUrl, string login, DateTimeOffset retryAt, TimeProvider clock)
    {
        var wait = retryAt - clock.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Render(http, returnUrl, login, T(http, $"密码错误次数过多，请 {minutes} 分钟后再试；忘记密码请联系系统管理员。",
            $"Too many wrong passwords; try again in {minutes} minute{(minutes == 1 ? "" : "s")}, or ask your administrator."), StatusCodes.Status429TooManyRequests);
    }

    private static IResult Render(HttpContext http, string? returnUrl, string login, string? error, int status = StatusCodes.Status200OK)
    {
        var invalid = error is null ? "" : """ aria-invalid="true" aria-describedby="login-error" """;
        var errorHtml = error is null ? "" : $"""<p id="login-error" class="error" role="alert">{E(error)}</p>""";
        var body = $"""
            <h1>{E(T(http, "登录", "Sign in"))}</h1>
            <form method="post" action="{E(WithLang(http, Path))}">
            {AntiforgeryField(http)}
            <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <div class="field"><label for="login">{E(T(http, "账号", "Account"))}</label>
            <input id="login" name="login" type="text" value="{E(login)}" autocomplete="username" autocapitalize="none" autocorrect="off" spellcheck="false" required{(login.Length == 0 ? " autofocus" : "")}{invalid}></div>
            <div class="field"><label for="password">{E(T(http, "密码", "Password"))}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required{(login.Length > 0 ? " autofocus" : "")}{invalid}></div>
            {errorHtml}
            <button type="submit">{E(T(http, "登录", "Sign in"))}</button>
            </form>
            <p class="hint">{E(T(http, "账号为本单位统一分配的用户名；忘记密码请联系系统管理员。", "Your account is the user name your office gave you; if you forgot your password, ask the administrator."))}</p>
            {LanguageSwitch(http)}
            """;
        return Page(http, T(http, "登录", "Sign in"), body, status);
    }
}
