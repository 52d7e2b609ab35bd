using System.Security.Claims;
using Approvals.Workflows.Organization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// The embedded provider's passthrough endpoints. OpenIddict validates each request (client, redirect URI, PKCE,
/// scopes) before these run; they decide who the user is and which claims the tokens carry.
/// Tokens: <c>sub</c> and <c>preferred_username</c> = the login (the organisation user id), <c>name</c> = the
/// person's name from the organisation, <c>role</c> = <c>admin</c> for an organisation admin; access tokens for
/// the audience <c>Auth:Audience</c>.
/// </summary>
public static class ProviderEndpoints
{
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;
    public const string AdminRole = "admin";

    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(EmbeddedProvider.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(EmbeddedProvider.TokenPath, TokenAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(EmbeddedProvider.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(EmbeddedProvider.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>
    /// Signed in at the provider (and not asked to sign in again): issue the code. Otherwise to the login page,
    /// which returns here; <c>prompt=login</c> is dropped from the way back so it asks only once.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOrganization org, CredentialStore credentials, AuthSettings settings, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var session = await http.AuthenticateAsync(EmbeddedProvider.SessionScheme);
        var userId = session.Succeeded ? session.Principal.FindFirstValue("sub") : null;
        var tooOld = request.MaxAge is { } maxAge && session.Properties?.IssuedUtc is { } issued
                     && clock.GetUtcNow() - issued > TimeSpan.FromSeconds(maxAge);
        if (userId is not null && !await credentials.ExistsAsync(userId, http.RequestAborted))
        {
            await http.SignOutAsync(EmbeddedProvider.SessionScheme);
            userId = null;
        }
        if (userId is null || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            return Results.Redirect(LoginUrl(http, request));
        }
        var principal = await PrincipalAsync(new ClaimsIdentity(Scheme, Claims.Name, Claims.Role), userId, org, settings, http.RequestAborted);
        principal.SetScopes(request.GetScopes());
        if (!string.IsNullOrEmpty(settings.Audience)) principal.SetResources(settings.Audience);
        SetDestinations(principal);
        return Results.SignIn(principal, properties: null, authenticationScheme: Scheme);
    }

    /// <summary>Code and refresh token grants: the user must still have a password here; the name is read afresh.</summary>
    private static async Task<IResult> TokenAsync(HttpContext http, IOrganization org, CredentialStore credentials, AuthSettings settings)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return Refuse(Errors.UnsupportedGrantType, "Only the authorization code and refresh token grants are supported.");
        var result = await http.AuthenticateAsync(Scheme);
        var userId = result.Principal?.GetClaim(Claims.Subject);
        if (userId is null || !await credentials.ExistsAsync(userId, http.RequestAborted))
            return Refuse(Errors.InvalidGrant, "The account no longer exists.");
        // Start from the stored principal: it carries the granted scopes, resources and the authorization.
        var identity = new ClaimsIdentity(result.Principal!.Claims, Scheme, Claims.Name, Claims.Role);
        var principal = await PrincipalAsync(identity, userId, org, settings, http.RequestAborted);
        SetDestinations(principal);
        return Results.SignIn(principal, properties: null, authenticationScheme: Scheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IOrganization org, CredentialStore credentials)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var userId = result.Principal?.GetClaim(Claims.Subject);
        if (userId is null || !await credentials.ExistsAsync(userId, http.RequestAborted))
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account no longer exists.",
            }), [Scheme]);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = userId };
        var user = await org.FindUserAsync(userId, http.RequestAborted);
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user?.Name is { Length: > 0 } name ? name : userId;
            claims[Claims.PreferredUsername] = userId;
        }
        if (result.Principal!.HasScope(Scopes.Roles) && user?.IsAdmin == true) claims[Claims.Role] = new[] { AdminRole };
        return Results.Ok(claims);
    }

    /// <summary>Ends the provider's session, then back to the client's post-logout address (checked by OpenIddict).</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(EmbeddedProvider.SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" }, [Scheme]);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(ClaimsIdentity identity, string userId, IOrganization org, AuthSettings settings, CancellationToken ct)
    {
        var user = await org.FindUserAsync(userId, ct);
        identity.SetClaim(Claims.Subject, userId)
            .SetClaim(Claims.PreferredUsername, userId)
            .SetClaim(Claims.Name, user?.Name is { Length: > 0 } name ? name : userId);
        identity.SetClaims(Claims.Role, user?.IsAdmin == true ? [AdminRole] : []);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Everything goes into the access token; name and roles into the ID token too when their scope was granted.</summary>
    private static void SetDestinations(ClaimsPrincipal principal) =>
        principal.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername when principal.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Role when principal.HasScope(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [Scheme]);

    /// <summary>The login page, returning to this authorization request (without <c>prompt</c>); in the language the client asked for (<c>ui_locales</c>).</summary>
    private static string LoginUrl(HttpContext http, OpenIddictRequest request)
    {
        var parameters = http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query.AsEnumerable();
        var back = http.Request.PathBase + http.Request.Path + QueryString.Create(
            parameters.Where(p => p.Key != Parameters.Prompt).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
        var url = LoginPage.Path + "?returnUrl=" + Uri.EscapeDataString(back);
        if (request.UiLocales?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } locale)
            url += locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "&lang=en" : locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "&lang=zh-CN" : "";
        return url;
    }
}
