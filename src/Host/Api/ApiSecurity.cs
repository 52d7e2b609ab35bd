using System.Security.Claims;
using Approvals.Host.SignIn;

namespace Approvals.Host.Api;

/// <summary>
/// The one place the API's access rule lives: every <c>/api</c> endpoint requires <see cref="Policy"/>, an
/// authenticated caller: the sign-in cookie (the UI) or a bearer token from the authority (programs). A caller
/// without either gets 401 with a problem document, never a redirect to the login page. Only in Development and
/// only with <c>Auth:AllowDevHeader=true</c> may the <c>X-Acting-User</c> header name the caller instead.
/// Who the caller is in the organisation is decided by <see cref="Caller"/>.
/// </summary>
public static class ApiSecurity
{
    public const string Policy = "api";
    public const string DevUserHeader = "X-Acting-User";

    /// <summary>The claim carrying the organisation user id on every authenticated principal (cookie, bearer, dev header).</summary>
    public const string UserIdClaim = "approvals:user";

    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireClaim(UserIdClaim));

    /// <summary>The organisation user id a signed-in principal stands for (the web UI's circuits ask this too), or null.</summary>
    public static string? UserIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(UserIdClaim) : null;

    /// <summary>The organisation user id of the caller, or null for an anonymous caller.</summary>
    public static string? ActingUser(HttpContext http) => UserIdOf(http.User);

    /// <summary>
    /// True when the principal holds the configured admin role (<c>Auth:AdminRoleClaim</c> with the value
    /// <c>Auth:AdminRoleValue</c>); an organisation admin (<c>OrgUser.IsAdmin</c>) is an admin regardless.
    /// </summary>
    public static bool HasAdminRole(ClaimsPrincipal principal, AuthSettings settings) =>
        !string.IsNullOrWhiteSpace(settings.AdminRoleClaim) && !string.IsNullOrWhiteSpace(settings.AdminRoleValue)
        && principal.Claims.Any(c => c.Type == settings.AdminRoleClaim
                                     && (c.Value == settings.AdminRoleValue
                                         || c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Contains(settings.AdminRoleValue)));
}
