using Microsoft.IdentityModel.JsonWebTokens;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary><c>Auth:PublicOrigin</c>: the origin people use is the embedded provider's issuer, whatever the server listens on.</summary>
public sealed class PublicOriginTests
{
    [Fact]
    public async Task The_public_origin_is_the_issuer_and_an_authority_equal_to_it_keeps_the_embedded_provider()
    {
        var port = SignInHost.FreePort();
        var publicOrigin = $"http://localhost:{port}";
        var settings = new Dictionary<string, string?>(CliClientSettings())
        {
            ["Auth:PublicOrigin"] = publicOrigin,
            ["Auth:Authority"] = publicOrigin + "/",
        };
        await using var host = new SignInHost(port: port, settings: settings).Start();

        using (var http = new HttpClient())
            Assert.Equal(publicOrigin + "/", (string?)(await http.GetJsonAsync(host.Url("/.well-known/openid-configuration")))["issuer"]);
        using var browser = new Browser();
        var account = await browser.SignInAsync(publicOrigin, Staff);
        Assert.Equal(publicOrigin + "/account", account.Url.GetLeftPart(UriPartial.Path));
        Assert.Contains(StaffName, account.Body);
        var access = (string)(await browser.CodeFlowTokensAsync(host.Origin, Staff))["access_token"]!;
        Assert.Equal(publicOrigin + "/", new JsonWebToken(access).Issuer);
        await (await GetWithBearerAsync(host.Url("/api/tasks/counts"), access)).JsonAsync();
    }
}
