using Approvals.Host.SignIn.Provider;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>
/// Sign-in against an external provider: a second, independent host (its own data folder, address and port) runs
/// the embedded provider, with the first host registered there as a client through <c>Auth:Clients</c>; the first
/// host points <c>Auth:Authority</c> at it, and its own provider is off.
/// </summary>
public sealed class ExternalProviderTests
{
    private const string ClientId = "approvals-host-a", ClientSecret = "host-a-secret";

    [Fact]
    public async Task The_host_signs_in_through_another_provider_and_its_own_provider_is_off()
    {
        var port = SignInHost.FreePort();
        var origin = $"http://127.0.0.1:{port}";
        var providerSettings = new Dictionary<string, string?>(CliClientSettings(index: 1))
        {
            ["Auth:Clients:0:ClientId"] = ClientId,
            ["Auth:Clients:0:ClientSecret"] = ClientSecret,
            ["Auth:Clients:0:RedirectUris:0"] = origin + "/signin-oidc",
            ["Auth:Clients:0:PostLogoutRedirectUris:0"] = origin + "/signout-callback-oidc",
        };
        await using var provider = new SignInHost(SignInHost.OtherLoopback, settings: providerSettings).Start();
        await using (var scope = provider.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CredentialStore>().SetPasswordAsync("outsider", DemoPassword, Api.Ct);
        await using var host = new SignInHost(port: port, settings: new Dictionary<string, string?>
        {
            ["Auth:Authority"] = provider.Origin + "/",
            ["Auth:ClientId"] = ClientId,
            ["Auth:ClientSecret"] = ClientSecret,
            ["Auth:Scopes"] = "openid profile",
            ["Auth:UserClaim"] = "preferred_username",
        }).Start();
        Assert.Equal(origin, host.Origin);

        using (var http = new HttpClient())
        {
            foreach (var path in new[] { "/.well-known/openid-configuration", "/.well-known/jwks", "/connect/authorize?client_id=approvals-web", "/connect/userinfo", "/idp/login" })
                Assert.True((await http.GetAsync(host.Url(path), Api.Ct)).StatusCode == HttpStatusCode.NotFound, $"{path} should not exist on the client host");
            // No endpoint takes a POST there (the web UI answers any unknown POST with 405).
            Assert.Contains((await http.PostAsync(host.Url("/connect/token"), new FormUrlEncodedContent([]), Api.Ct)).StatusCode,
                new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        }

        using var browser = new Browser();
        var login = await browser.LoginPageAsync(host.Origin, "/api/tasks/counts");
        Assert.Equal(provider.Origin, login.Url.GetLeftPart(UriPartial.Authority));
        var counts = await browser.LogInAsync(login, Staff);
        Assert.Equal(host.Url("/api/tasks/counts"), counts.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(HttpStatusCode.OK, counts.Status);
        Assert.Contains(StaffName, (await browser.GetAsync(host.Url("/account"))).Body);

        // A program's token from the provider opens the host's API.
        using (var program = new Browser())
        {
            var tokens = await program.CodeFlowTokensAsync(provider.Origin, Staff);
            await (await GetWithBearerAsync(host.Url("/api/tasks/counts"), (string)tokens["access_token"]!)).JsonAsync();
        }

        // Signing out at the host ends the provider's session too.
        browser.Visited.Clear();
        var signedOut = await browser.SubmitAsync(await browser.GetAsync(host.Url("/account/signout")));
        Assert.Equal(host.Url("/account/signed-out"), signedOut.Url.GetLeftPart(UriPartial.Path));
        Assert.Contains(browser.Visited, u => u.GetLeftPart(UriPartial.Path) == provider.Url("/connect/logout"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(host.Url("/api/tasks/counts"))).Status);
        await browser.LoginPageAsync(host.Origin);

        // Someone the provider knows but the host's organisation does not.
        using var outsider = new Browser();
        var unknown = await outsider.SignInAsync(host.Origin, "outsider");
        Assert.Equal(host.Url("/account/unknown"), unknown.Url.GetLeftPart(UriPartial.Path));
        Assert.Contains("您的账号不在本单位组织架构中，请联系管理员", unknown.Body);
    }
}
