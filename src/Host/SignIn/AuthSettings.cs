namespace Approvals.Host.SignIn;

/// <summary>
/// The <c>Auth</c> configuration section. With <see cref="Authority"/> empty (the default) the host signs people in
/// against its own embedded OpenID Connect provider; pointing it at another provider turns the embedded one off.
/// See docs/sign-in.md for every key.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect provider; empty: the embedded provider at the host's own origin.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The origin people reach this host at (e.g. <c>https://oa.example.gov.cn</c>) when it is not what the server
    /// listens on (a reverse proxy, all interfaces). Empty: taken from the server's addresses once it has started.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>This host's client id at the provider.</summary>
    public string ClientId { get; set; } = "approvals-web";

    /// <summary>The client secret; empty: a public client (PKCE is required either way).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for at sign-in, separated by spaces or commas.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The claim whose value is the organisation user id (the login), in the ID token, userinfo and access tokens.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>A claim that makes its holder an administrator when it has <see cref="AdminRoleValue"/> (besides <c>OrgUser.IsAdmin</c>).</summary>
    public string? AdminRoleClaim { get; set; }

    public string? AdminRoleValue { get; set; }

    /// <summary>The audience API bearer tokens must carry; empty: not checked. The embedded provider issues tokens for it.</summary>
    public string? Audience { get; set; } = DefaultAudience;

    /// <summary>The development-only <c>X-Acting-User</c> header; honoured only when this is true AND the environment is Development.</summary>
    public bool AllowDevHeader { get; set; }

    /// <summary>The embedded provider gives every organisation user without a password this one at startup; empty: none.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Plain http is accepted for a loopback authority only, unless this is false (a trusted intranet without TLS).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Further client applications registered at the embedded provider (other hosts, scripts, test clients).</summary>
    public List<ClientRegistration> Clients { get; set; } = [];

    public const string DefaultAudience = "approvals-api";

    /// <summary>True when the embedded provider is on: no authority configured, or the configured one is this host's public origin.</summary>
    public bool IsEmbedded => string.IsNullOrWhiteSpace(Authority)
                              || (!string.IsNullOrWhiteSpace(PublicOrigin) && Origins.Same(Authority, PublicOrigin));

    /// <summary>The scopes as a list.</summary>
    public IReadOnlyList<string> ScopeList =>
        Scopes.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public static AuthSettings From(IConfiguration config) => config.GetSection(Section).Get<AuthSettings>() ?? new AuthSettings();
}

/// <summary>One client application of the embedded provider (configuration <c>Auth:Clients</c>).</summary>
public sealed class ClientRegistration
{
    public string ClientId { get; set; } = "";
    /// <summary>Empty: a public client.</summary>
    public string? ClientSecret { get; set; }
    public string? DisplayName { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
}
