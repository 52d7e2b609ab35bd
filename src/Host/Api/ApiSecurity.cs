using System.Security.Claims;

namespace Approvals.Host.Api;

/// <summary>
/// The one place the API's access rule lives: every <c>/api</c> endpoint requires <see cref="Policy"/>.
/// Until sign-in lands the policy admits every caller; the acting user then comes from the
/// authenticated principal, or in Development only from the <c>X-Acting-User</c> header.
/// </summary>
public static class ApiSecurity
{
    public const string Policy = "api";
    public const string DevUserHeader = "X-Acting-User";

    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(_ => true));
    }

    /// <summary>The organisation user id a signed-in principal stands for (the <c>sub</c> claim by default).</summary>
    public static string? UserIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue("sub") ?? principal.Identity.Name : null;

    /// <summary>The user acting in this request, or null for an anonymous caller.</summary>
    public static string? ActingUser(HttpContext http)
    {
        if (UserIdOf(http.User) is { } id) return id;
        if (http.User.Identity?.IsAuthenticated == true)
            return null;
        var env = http.RequestServices.GetRequiredService<IWebHostEnvironment>();
        return env.IsDevelopment() && http.Request.Headers.TryGetValue(DevUserHeader, out var user) && !string.IsNullOrWhiteSpace(user)
            ? user.ToString()
            : null;
    }
}
