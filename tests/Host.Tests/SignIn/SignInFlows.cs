using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Approvals.Host.Tests.SignIn;

/// <summary>The steps the sign-in tests repeat.</summary>
public static class SignInFlows
{
    public const string DemoPassword = "Demo@2026";

    /// <summary>Demo office people: 刘洋 is staff of 秘书科, 王静 its chief.</summary>
    public const string Staff = "liuyang", StaffName = "刘洋";

    /// <summary>A public test client registered through <c>Auth:Clients</c> (data, not code) for the programmatic code flow.</summary>
    public const string CliClient = "approvals-cli", CliRedirect = "http://127.0.0.1:9/callback";

    public static Dictionary<string, string?> CliClientSettings(int index = 0) => new()
    {
        [$"Auth:Clients:{index}:ClientId"] = CliClient,
        [$"Auth:Clients:{index}:DisplayName"] = "command line",
        [$"Auth:Clients:{index}:RedirectUris:0"] = CliRedirect,
    };

    /// <summary>Starts sign-in at the host and returns the provider's login page the browser ends on.</summary>
    public static async Task<Page> LoginPageAsync(this Browser browser, string hostOrigin, string returnUrl = "/account", string query = "")
    {
        var page = await browser.GetAsync($"{hostOrigin}/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}{query}");
        Assert.True(page.Path == "/idp/login", $"expected the login page, ended on {page.Url} ({page.Status}): {page.Body}");
        return page;
    }

    /// <summary>Types a login and password into the login page and submits it.</summary>
    public static Task<Page> LogInAsync(this Browser browser, Page loginPage, string login, string password = DemoPassword) =>
        browser.SubmitAsync(loginPage, new Dictionary<string, string> { ["login"] = login, ["password"] = password });

    /// <summary>The whole round trip: the host's sign-in, the provider's login page, back at <paramref name="returnUrl"/>.</summary>
    public static async Task<Page> SignInAsync(this Browser browser, string hostOrigin, string login, string returnUrl = "/account")
        => await browser.LogInAsync(await browser.LoginPageAsync(hostOrigin, returnUrl), login);

    /// <summary>
    /// The authorization code flow with PKCE as a program does it (the <see cref="CliClient"/>): authorize in the
    /// browser (signing in when asked), stop at the redirect to the client, redeem the code. Returns the token response.
    /// </summary>
    public static async Task<JsonObject> CodeFlowTokensAsync(this Browser browser, string authority, string login, string scope = "openid profile offline_access")
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var authorize = $"{authority}/connect/authorize?client_id={CliClient}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
                        $"&redirect_uri={Uri.EscapeDataString(CliRedirect)}&code_challenge={challenge}&code_challenge_method=S256&state={state}";
        static bool AtClient(Uri u) => u.GetLeftPart(UriPartial.Path) == CliRedirect;
        var page = await browser.GetAsync(authorize, AtClient);
        if (page.Path == "/idp/login")
            page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["login"] = login, ["password"] = DemoPassword }, AtClient);
        Assert.True(AtClient(page.Url), $"expected the redirect to the client, got {page.Url}: {page.Body}");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(page.Url.Query);
        Assert.Equal(state, query["state"].ToString());
        using var http = new HttpClient();
        var response = await http.PostAsync($"{authority}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = CliClient,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = CliRedirect,
            ["code_verifier"] = verifier,
        }), Api.Ct);
        return (await response.JsonAsync()).AsObject();
    }

    public static async Task<HttpResponseMessage> GetWithBearerAsync(string url, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Api.Ct);
    }
}
