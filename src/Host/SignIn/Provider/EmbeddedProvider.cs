using Approvals.Host.Startup;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// The OpenID Connect provider embedded in the host (OpenIddict 7), on when <c>Auth:Authority</c> is empty:
/// authorization code flow with PKCE required, refresh tokens, userinfo, end-session; JWT access tokens (signed,
/// not encrypted) for the audience <c>Auth:Audience</c>; its stores in <see cref="SignInDbContext"/>; its own
/// login page and session cookie (<see cref="SessionScheme"/>), separate from the host's sign-in cookie.
/// </summary>
public static class EmbeddedProvider
{
    /// <summary>The provider's own login session (the login page's cookie).</summary>
    public const string SessionScheme = "approvals-idp";

    public const string AuthorizePath = "/connect/authorize", TokenPath = "/connect/token",
        UserInfoPath = "/connect/userinfo", EndSessionPath = "/connect/logout";

    public static void AddEmbeddedProvider(this WebApplicationBuilder builder, HostPaths paths, AuthSettings settings)
    {
        var services = builder.Services;
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        // The connection string is the engine's (EngineSetup fills in the SQLite default), read when a context is made.
        if (storage.IsPostgres)
            services.AddDbContext<SignInDbContext, PostgresSignInDbContext>((sp, o) => SignInDbContext.Configure(o, sp.GetRequiredService<StorageOptions>()));
        else
            services.AddDbContext<SignInDbContext, SqliteSignInDbContext>((sp, o) => SignInDbContext.Configure(o, sp.GetRequiredService<StorageOptions>()));

        services.AddScoped<CredentialStore>();
        services.AddSingleton<IPasswordHasher<UserCredential>, PasswordHasher<UserCredential>>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ProviderStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderStartup>());

        services.AddAuthentication().AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = ".approvals.idp";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = LoginPage.Path;
        });

        var keys = Path.Combine(paths.Data, "keys");
        var publicOrigin = Origins.Of(settings.PublicOrigin);
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<SignInDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizePath[1..])
                    .SetTokenEndpointUris(TokenPath[1..])
                    .SetUserInfoEndpointUris(UserInfoPath[1..])
                    .SetEndSessionEndpointUris(EndSessionPath[1..]);
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
                o.DisableAccessTokenEncryption();
                // Without a public origin the issuer is the origin of the request, which is the one the host's own
                // client resolved as its authority (see HostOrigins); behind a proxy it is fixed.
                if (publicOrigin is not null) o.SetIssuer(new Uri(publicOrigin + "/"));
                // PKCE with S256 only: "plain" would let an intercepted challenge redeem the code.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                // Which origins may be plain http is decided once, for both ends, by AuthorityConfiguration (loopback, or
                // Auth:RequireHttps=false); behind a reverse proxy that terminates TLS the host itself sees http.
                aspNetCore.DisableTransportSecurityRequirement();
            });
        AddProviderKeys(services, storage, keys);
    }

    /// <summary>
    /// The signing and encryption keys, read (or made) when the server's options are first built, not at registration:
    /// files under <c>&lt;Paths:Data&gt;/keys</c> on SQLite, the database on PostgreSQL (the same keys on every host).
    /// </summary>
    private static void AddProviderKeys(IServiceCollection services, StorageOptions storage, string folder) =>
        services.AddOptions<OpenIddict.Server.OpenIddictServerOptions>().Configure<SharedKeys.SharedKeyStore>((options, store) =>
        {
            var (signing, encryption) = storage.IsPostgres
                ? ProviderKeys.FromDatabase(store)
                : (ProviderKeys.SigningKey(folder), ProviderKeys.EncryptionKey(folder));
            options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        });

    /// <summary>The provider's endpoints and its login page (mapped only when the embedded provider is on).</summary>
    public static void MapEmbeddedProvider(this IEndpointRouteBuilder app)
    {
        app.MapLoginPage();
        app.MapProviderEndpoints();
    }
}
