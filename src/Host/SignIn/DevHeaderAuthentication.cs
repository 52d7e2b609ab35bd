using System.Security.Claims;
using System.Text.Encodings.Web;
using Approvals.Host.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Approvals.Host.SignIn;

/// <summary>
/// The development-only <c>X-Acting-User</c> header as an authentication scheme: the header names the organisation
/// user. Registered only when the environment is Development AND <c>Auth:AllowDevHeader</c> is true; otherwise the
/// scheme does not exist and the header is ignored.
/// </summary>
public sealed class DevHeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "approvals-dev-header";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[ApiSecurity.DevUserHeader].ToString().Trim();
        if (user.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ApiSecurity.UserIdClaim, user), new Claim("name", user)], SchemeName, "name", "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
