using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Approvals.Host.SignIn;

/// <summary>
/// The provider's discovery document and keys, shared by the OpenID Connect handler (sign-in) and the JWT bearer
/// handler (API tokens). The authority is resolved on first use, not at startup: with the embedded provider it is
/// the host's own origin, which is known only once the server listens. Plain http is accepted for a loopback
/// authority, or anywhere when <c>Auth:RequireHttps</c> is false.
/// </summary>
public sealed class AuthorityConfiguration(HostOrigins origins, AuthSettings settings, IHttpClientFactory http, ILogger<AuthorityConfiguration> log)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public const string HttpClientName = "approvals-sign-in";

    private readonly Lock _gate = new();
    private ConfigurationManager<OpenIdConnectConfiguration>? _inner;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Inner().GetConfigurationAsync(cancel);

    public void RequestRefresh() => _inner?.RequestRefresh();

    private ConfigurationManager<OpenIdConnectConfiguration> Inner()
    {
        if (_inner is { } ready) return ready;
        lock (_gate)
        {
            if (_inner is not null) return _inner;
            var authority = origins.Authority();
            var insecure = !Origins.IsHttps(authority);
            if (insecure && settings.RequireHttps && !Origins.IsLoopback(authority))
                throw new InvalidOperationException(
                    $"The sign-in authority {authority} uses plain http on a non-loopback address. Use https, or set Auth:RequireHttps=false on a trusted network.");
            log.LogInformation("Sign-in authority: {Authority} ({Mode})", authority, settings.IsEmbedded ? "embedded provider" : "external provider");
            var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = !insecure };
            _inner = new ConfigurationManager<OpenIdConnectConfiguration>(authority + ".well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(), retriever);
            return _inner;
        }
    }
}
