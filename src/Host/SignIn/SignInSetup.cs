using System.Security.Claims;
using Approvals.Host.Api;
using Approvals.Host.SignIn.Provider;
using Approvals.Host.SignIn.SharedKeys;
using Approvals.Host.Startup;
using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using static Approvals.Host.SignIn.Pages;

namespace Approvals.Host.SignIn;

/// <summary>
/// Sign-in for the host: it is an OpenID Connect client (cookie + OpenIdConnect handler, code + PKCE) of the
/// authority, accepts the authority's JWT access tokens on the API, and, when no other authority is configured,
/// runs the embedded provider itself (<see cref="EmbeddedProvider"/>). Which scheme answers a request:
/// <list type="bullet">
/// <item>authenticate: a <c>Bearer</c> header → JWT bearer; the dev header (when allowed) → that; else the cookie;</item>
/// <item>challenge: <c>/api</c> or a bearer caller → 401 with a problem document; anything else → the provider's sign-in.</item>
/// </list>
/// </summary>
public static class SignInSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;
    private const string SelectScheme = "approvals", ChallengeScheme = "approvals-challenge";

    /// <summary>The authentication property carrying the page language through the provider's round trip.</summary>
    public const string LanguageItem = "approvals.lang";

    public static void AddApprovalsSignIn(this WebApplicationBuilder builder, HostPaths paths)
    {
        var services = builder.Services;
        var settings = AuthSettings.From(builder.Configuration);
        services.AddSingleton(settings);
        services.AddSingleton<HostOrigins>();
        services.AddSingleton<AuthorityConfiguration>();
        services.AddHttpClient(AuthorityConfiguration.HttpClientName);

        // Cookies and antiforgery tokens must survive a restart and be readable by every host: on SQLite the key ring is
        // under the data folder (one machine), on PostgreSQL in the database, which every host shares.
        var keys = Path.Combine(paths.Data, "keys");
        ProviderKeys.CreatePrivateFolder(keys);
        services.AddSingleton<SharedKeyStore>();
        var dataProtection = services.AddDataProtection().SetApplicationName("approvals");
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsPostgres)
            services.AddOptions<KeyManagementOptions>().Configure<SharedKeyStore>((o, store) => o.XmlRepository = new DatabaseXmlRepository(store));
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keys, "data-protection")));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".approvals.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var devHeader = builder.Environment.IsDevelopment() && settings.AllowDevHeader;
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectScheme;
                o.DefaultChallengeScheme = ChallengeScheme;
                o.DefaultSignInScheme = CookieScheme;
                o.DefaultSignOutScheme = CookieScheme;
            })
            .AddPolicyScheme(SelectScheme, null, o => o.ForwardDefaultSelector = http =>
                HasBearer(http) ? BearerScheme
                : devHeader && http.Request.Headers.ContainsKey(ApiSecurity.DevUserHeader) ? DevHeaderAuthentication.SchemeName
                : CookieScheme)
            .AddPolicyScheme(ChallengeScheme, null, o => o.ForwardDefaultSelector = http =>
                IsApi(http) || HasBearer(http) ? BearerScheme : OidcScheme)
            .AddCookie(CookieScheme, o => ConfigureCookie(o))
            .AddOpenIdConnect(OidcScheme, o => ConfigureOpenIdConnect(o, settings))
            .AddJwtBearer(BearerScheme, o => ConfigureBearer(o, settings));
        if (devHeader) authentication.AddScheme<AuthenticationSchemeOptions, DevHeaderAuthentication>(DevHeaderAuthentication.SchemeName, null);
        // Both handlers ask the one lazily resolved authority (the host's origin is known only once it listens).
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<AuthorityConfiguration>((o, c) => o.ConfigurationManager = c);
        services.AddOptions<JwtBearerOptions>(BearerScheme).Configure<AuthorityConfiguration, HostOrigins>((o, c, origins) =>
        {
            o.ConfigurationManager = c;
            // The embedded provider names itself after the origin a token was asked at (localhost or 127.0.0.1, the
            // public origin): a token it issued under any of this host's origins is its own.
            if (settings.IsEmbedded)
                o.TokenValidationParameters.IssuerValidator = (issuer, _, p) =>
                    p.ValidIssuers?.Contains(issuer) == true || origins.BrowserOrigins().Any(x => x + "/" == issuer)
                        ? issuer
                        : throw new SecurityTokenInvalidIssuerException($"the token's issuer {issuer} is not this host");
        });

        if (settings.IsEmbedded) builder.AddEmbeddedProvider(paths, settings);
    }

    /// <summary>
    /// Before the host takes requests (under the startup lock): the keys are read or made now, so the first host on a
    /// database makes them and the others read them, rather than each making its own at its first request; then the
    /// embedded provider's demo passwords and configured clients.
    /// </summary>
    public static async Task PrepareSignInAsync(this WebApplication app, CancellationToken ct)
    {
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("approvals.startup").Protect([1]);
        if (!app.Services.GetRequiredService<AuthSettings>().IsEmbedded) return;
        _ = app.Services.GetRequiredService<IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>().CurrentValue;
        await app.Services.GetRequiredService<ProviderStartup>().PrepareAsync(ct);
    }

    /// <summary>The account pages, and the embedded provider's endpoints when it is on (off: they do not exist).</summary>
    public static void MapSignIn(this WebApplication app)
    {
        app.MapAccountEndpoints();
        if (app.Services.GetRequiredService<AuthSettings>().IsEmbedded) app.MapEmbeddedProvider();
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    private static bool HasBearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = ".approvals.session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.LoginPath = AccountEndpoints.SignInPath;
        o.AccessDeniedPath = AccountEndpoints.UnknownPath;
        o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
        // A person removed from the organisation (or deactivated) loses the session at their next request.
        o.Events.OnValidatePrincipal = async c =>
        {
            var id = c.Principal?.FindFirstValue(ApiSecurity.UserIdClaim);
            var user = id is null ? null : await c.HttpContext.RequestServices.GetRequiredService<IOrganization>().FindUserAsync(id, c.HttpContext.RequestAborted);
            if (user is { Active: true }) return;
            c.RejectPrincipal();
            await c.HttpContext.SignOutAsync(CookieScheme);
        };
    }

    /// <summary>The API never redirects to a login page.</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (IsApi(c.HttpContext)) c.Response.StatusCode = status;
        else c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, AuthSettings settings)
    {
        o.ClientId = settings.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in a top-level GET: the correlation and nonce cookies can stay SameSite=Lax and
        // work over plain http on loopback (SameSite=None would need Secure).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = true;
        o.GetClaimsFromUserInfoEndpoint = true;
        // The discovery document is fetched by AuthorityConfiguration, which applies the https rule itself.
        o.RequireHttpsMetadata = false;
        o.Scope.Clear();
        foreach (var scope in settings.ScopeList.Prepend("openid").Distinct()) o.Scope.Add(scope);
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.SignedOutRedirectUri = AccountEndpoints.SignedOutPath;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = "role";
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        // Userinfo claims the host needs: the user claim and the admin role claim.
        o.ClaimActions.MapUniqueJsonKey(settings.UserClaim, settings.UserClaim);
        o.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
        if (!string.IsNullOrWhiteSpace(settings.AdminRoleClaim)) o.ClaimActions.MapJsonKey(settings.AdminRoleClaim, settings.AdminRoleClaim);

        o.Events.OnRedirectToIdentityProvider = c =>
        {
            if (c.Properties.Items.TryGetValue(LanguageItem, out var lang) && lang is not null) c.ProtocolMessage.UiLocales = lang;
            return Task.CompletedTask;
        };
        o.Events.OnTicketReceived = OnTicketReceivedAsync;
        o.Events.OnRemoteFailure = async c =>
        {
            c.HandleResponse();
            c.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInSetup))
                .LogWarning(c.Failure, "Sign-in did not complete");
            var http = c.HttpContext;
            var body = $"""
                <h1>{E(T(http, "登录未完成", "Sign-in did not complete"))}</h1>
                <p class="error" role="alert">{E(T(http, "登录过程中断或已过期，请重新登录。", "The sign-in was interrupted or expired; please sign in again."))}</p>
                <a class="button" href="{E(AccountEndpoints.SignInPath)}">{E(T(http, "重新登录", "Sign in again"))}</a>
                """;
            await Page(http, T(http, "登录未完成", "Sign-in did not complete"), body, StatusCodes.Status400BadRequest).ExecuteAsync(http);
        };
    }

    /// <summary>
    /// Matches the person the provider signed in to the organisation by <c>Auth:UserClaim</c>. An active member gets
    /// the host's session (claims: the user id, <c>sub</c>, <c>name</c>, the admin role claim when configured);
    /// anyone else gets the unknown-user page and no session.
    /// </summary>
    private static async Task OnTicketReceivedAsync(TicketReceivedContext c)
    {
        var http = c.HttpContext;
        var settings = http.RequestServices.GetRequiredService<AuthSettings>();
        var login = c.Principal?.FindFirstValue(settings.UserClaim)?.Trim();
        var user = string.IsNullOrEmpty(login) ? null : await http.RequestServices.GetRequiredService<IOrganization>().FindUserAsync(login, http.RequestAborted);
        if (user is not { Active: true })
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInSetup))
                .LogWarning("Sign-in refused: {Claim}={Login} is not an active member of the organisation", settings.UserClaim, login);
            c.HandleResponse();
            var lang = c.Properties?.Items.TryGetValue(LanguageItem, out var l) == true && l is not null ? "&lang=" + Uri.EscapeDataString(l) : "";
            http.Response.Redirect(AccountEndpoints.UnknownPath + "?login=" + Uri.EscapeDataString(login ?? "") + lang);
            return;
        }
        var identity = new ClaimsIdentity(CookieScheme, "name", "role");
        identity.AddClaim(new Claim(ApiSecurity.UserIdClaim, user.Id));
        identity.AddClaim(new Claim("sub", user.Id));
        identity.AddClaim(new Claim("name", user.Name.Length > 0 ? user.Name : user.Id));
        if (!string.IsNullOrWhiteSpace(settings.AdminRoleClaim))
            foreach (var role in c.Principal!.FindAll(settings.AdminRoleClaim)) identity.AddClaim(new Claim(role.Type, role.Value));
        if (user.IsAdmin || ApiSecurity.HasAdminRole(c.Principal!, settings)) identity.AddClaim(new Claim("role", ProviderEndpoints.AdminRole));
        c.Principal = new ClaimsPrincipal(identity);
    }

    private static void ConfigureBearer(JwtBearerOptions o, AuthSettings settings)
    {
        o.MapInboundClaims = false;
        // The discovery document is fetched by AuthorityConfiguration, which applies the https rule itself.
        o.RequireHttpsMetadata = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = !string.IsNullOrEmpty(settings.Audience),
            ValidAudience = string.IsNullOrEmpty(settings.Audience) ? null : settings.Audience,
            ValidateLifetime = true,
            NameClaimType = "name",
            RoleClaimType = "role",
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = c =>
            {
                var login = c.Principal?.FindFirstValue(settings.UserClaim);
                if (string.IsNullOrWhiteSpace(login)) c.Fail($"the token has no '{settings.UserClaim}' claim");
                else ((ClaimsIdentity)c.Principal!.Identity!).AddClaim(new Claim(ApiSecurity.UserIdClaim, login.Trim()));
                return Task.CompletedTask;
            },
            OnChallenge = async c =>
            {
                c.HandleResponse();
                c.Response.Headers.WWWAuthenticate = c.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                var handler = ActivatorUtilities.CreateInstance<ApiErrorHandler>(c.HttpContext.RequestServices);
                await handler.TryHandleAsync(c.HttpContext, ApprovalException.Unauthenticated(), c.HttpContext.RequestAborted);
            },
        };
    }
}
