using Approvals.Host.Tests.SignIn;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// Behind nginx (TLS at the proxy) the sign-in must send the browser back to <c>https://…/signin-oidc</c>: the host
/// believes <c>X-Forwarded-Proto</c> from the proxies named in <c>ForwardedHeaders:*</c>, and from nobody else.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(null, null, "http")]                       // not configured: the header is ignored
    [InlineData("127.0.0.1", null, "https")]               // the proxy on this machine
    [InlineData(null, "127.0.0.0/8", "https")]             // a trusted network
    [InlineData("10.1.2.3", null, "http")]                 // another proxy is trusted, the caller is not
    public async Task The_sign_in_redirect_follows_the_forwarded_scheme_only_from_a_known_proxy(string? proxy, string? network, string expected)
    {
        var settings = new Dictionary<string, string?>();
        if (proxy is not null) settings["ForwardedHeaders:KnownProxies:0"] = proxy;
        if (network is not null) settings["ForwardedHeaders:KnownNetworks:0"] = network;
        await using var host = new SignInHost(settings: settings).Start();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Url("/account/signin?returnUrl=%2F"));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await http.SendAsync(request, Ct);

        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"expected a redirect to the provider, got {(int)response.StatusCode}");
        var redirectUri = Uri.UnescapeDataString(System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["redirect_uri"] ?? "");
        Assert.StartsWith($"{expected}://", redirectUri);
        Assert.EndsWith("/signin-oidc", redirectUri);
    }

    [Fact]
    public async Task A_proxy_address_that_is_not_one_is_refused_at_start_with_its_key()
    {
        await using var host = new SignInHost(settings: new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "nginx.local" });
        var e = Assert.ThrowsAny<Exception>(() => host.Start());
        Assert.Contains("ForwardedHeaders:KnownProxies", e.ToString());
    }
}
