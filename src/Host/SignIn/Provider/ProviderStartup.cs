using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// The embedded provider's startup: before the host takes requests (<see cref="PrepareAsync"/>; its tables were
/// migrated by the startup tasks) demo passwords are given and the <c>Auth:Clients</c> registered; once the server listens
/// (<see cref="StartedAsync"/>) the host's own client is registered with a redirect URI for each of its origins.
/// </summary>
public sealed class ProviderStartup(IServiceScopeFactory scopes, IOrganization org, AuthSettings settings, HostOrigins origins,
    IWebHostEnvironment env, ILogger<ProviderStartup> log) : IHostedLifecycleService
{
    public async Task PrepareAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!string.IsNullOrEmpty(settings.DemoPassword))
        {
            var given = await scope.ServiceProvider.GetRequiredService<CredentialStore>()
                .SeedDemoPasswordsAsync(await org.UsersAsync(ct), settings.DemoPassword, ct);
            if (given > 0)
            {
                if (env.IsProduction())
                    log.LogWarning("{Count} users were given the demo password (Auth:DemoPassword) in Production; set Auth:DemoPassword to an empty value to stop this", given);
                else
                    log.LogInformation("{Count} users were given the demo password", given);
            }
        }
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in settings.Clients.Where(c => !string.IsNullOrWhiteSpace(c.ClientId)))
            await RegisterAsync(manager, client.ClientId, client.ClientSecret, client.DisplayName ?? client.ClientId,
                client.RedirectUris, client.PostLogoutRedirectUris, merge: false, ct);
    }

    /// <summary>Registers the host's own client for the origins the server now listens on (kept: the ones registered before).</summary>
    public async Task StartedAsync(CancellationToken ct)
    {
        var browserOrigins = origins.BrowserOrigins();
        if (browserOrigins.Count == 0)
        {
            log.LogDebug("The server reports no address (an in-process test server): the sign-in client is not registered");
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await RegisterAsync(manager, settings.ClientId, settings.ClientSecret, "区政府办公室审批平台",
            browserOrigins.Select(o => o + "/signin-oidc"), browserOrigins.Select(o => o + "/signout-callback-oidc"), merge: true, ct);
        log.LogInformation("Embedded sign-in provider at {Authority}; client {ClientId} registered for {Origins}",
            origins.Authority(), settings.ClientId, string.Join(", ", browserOrigins));
        if (origins.ListensOnAllInterfaces() && string.IsNullOrWhiteSpace(settings.PublicOrigin))
            log.LogWarning("The host listens on all interfaces but Auth:PublicOrigin is not set: sign-in works only from this machine until it is");
    }

    /// <summary>
    /// Creates or updates a client: authorization code (PKCE required) and refresh tokens, end-session, the
    /// profile and roles scopes. With <paramref name="merge"/> the redirect URIs registered before are kept (hosts
    /// sharing a database each add their own origins).
    /// </summary>
    private static async Task RegisterAsync(IOpenIddictApplicationManager manager, string clientId, string? secret, string displayName,
        IEnumerable<string> redirectUris, IEnumerable<string> postLogoutRedirectUris, bool merge, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = string.IsNullOrEmpty(secret) ? null : secret,
            ClientType = string.IsNullOrEmpty(secret) ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        foreach (var uri in postLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));

        var existing = await manager.FindByClientIdAsync(clientId, ct);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, ct);
            return;
        }
        if (merge)
        {
            foreach (var uri in await manager.GetRedirectUrisAsync(existing, ct)) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in await manager.GetPostLogoutRedirectUrisAsync(existing, ct)) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }
        await manager.UpdateAsync(existing, descriptor, ct);
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
