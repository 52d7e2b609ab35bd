using System.Net.Http.Headers;
using Approvals.Host.Tests.SignIn;

namespace Approvals.Host.Tests.Authorization;

/// <summary>
/// A member of the demo office signed in the way people and programs are: through the host's sign-in and the
/// provider's login form (a browser holding the session cookie), and through the code flow with PKCE (a bearer
/// access token). Never the development header.
/// </summary>
public sealed class SignedInPerson : IDisposable
{
    private readonly string _origin;

    private SignedInPerson(string login, string origin, SignIn.Browser browser, string accessToken)
    {
        Login = login;
        _origin = origin;
        Browser = browser;
        AccessToken = accessToken;
    }

    public string Login { get; }
    public SignIn.Browser Browser { get; }
    public string AccessToken { get; }

    /// <summary>Signs <paramref name="login"/> in with the demo password and asks the provider for a token in the same browser.</summary>
    public static async Task<SignedInPerson> SignInAsync(SignInHost host, string login)
    {
        var browser = new SignIn.Browser();
        var landed = await browser.SignInAsync(host.Origin, login);
        Assert.True(landed.Status == HttpStatusCode.OK && landed.Path == "/account", $"{login} did not sign in: {landed.Url} {landed.Status}");
        var tokens = await browser.CodeFlowTokensAsync(host.Origin, login);
        var token = (string?)tokens["access_token"] ?? throw new InvalidOperationException($"no access token for {login}: {tokens}");
        return new SignedInPerson(login, host.Origin, browser, token);
    }

    /// <summary>Sends <paramref name="request"/> (a path relative to the host) with the session cookie.</summary>
    public Task<HttpResponseMessage> WithCookieAsync(HttpRequestMessage request)
    {
        request.RequestUri = new Uri(new Uri(_origin), request.RequestUri!.OriginalString);
        return Browser.SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/> with the bearer token and no cookie.</summary>
    public async Task<HttpResponseMessage> WithBearerAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_origin) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return await http.SendAsync(request, Api.Ct);
    }

    /// <summary>A JSON call with the cookie; asserts <paramref name="expected"/> and returns the answer's JSON.</summary>
    public async Task<JsonNode> JsonAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await WithCookieAsync(request);
        return await response.JsonAsync(expected);
    }

    public void Dispose() => Browser.Dispose();
}
