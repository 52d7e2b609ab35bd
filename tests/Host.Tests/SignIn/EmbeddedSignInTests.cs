using Approvals.Host.SignIn.Provider;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>One host with the embedded provider on a real port, shared by the tests of <see cref="EmbeddedSignInTests"/>.</summary>
public sealed class EmbeddedProviderHost : IAsyncLifetime
{
    public SignInHost Host { get; } = new(settings: CliClientSettings());

    public ValueTask InitializeAsync()
    {
        Host.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Sign-in against the provider embedded in the host, over real HTTP: the authorization code flow with PKCE from
/// the host's sign-in to the provider's login page and back, the API with the cookie and with bearer tokens, the
/// unknown-user page, sign-out of both sessions.
/// </summary>
public sealed class EmbeddedSignInTests(EmbeddedProviderHost fixture) : IClassFixture<EmbeddedProviderHost>
{
    private readonly SignInHost _host = fixture.Host;

    [Fact]
    public async Task A_demo_user_signs_in_with_code_and_pkce_and_the_cookie_opens_the_api()
    {
        using var browser = new Browser();
        var before = await browser.GetAsync(_host.Url("/api/tasks/counts"));
        Assert.Equal(HttpStatusCode.Unauthorized, before.Status);

        var login = await browser.LoginPageAsync(_host.Origin, "/api/tasks/counts");
        Assert.Contains("<html lang=\"zh-CN\">", login.Body);
        Assert.Contains("<label for=\"login\">账号</label>", login.Body);
        Assert.Contains("<label for=\"password\">密码</label>", login.Body);
        Assert.Contains("width=device-width", login.Body);
        Assert.False(string.IsNullOrEmpty(login.InputValue("__RequestVerificationToken")), "the login form carries an antiforgery token");
        var authorize = browser.Visited.Single(u => u.AbsolutePath == "/connect/authorize");
        Assert.Contains("code_challenge=", authorize.Query);
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        Assert.Contains("response_type=code", authorize.Query);

        var counts = await browser.LogInAsync(login, Staff);

        Assert.Equal("/api/tasks/counts", counts.Path);
        Assert.Equal(HttpStatusCode.OK, counts.Status);
        Assert.NotNull(JsonNode.Parse(counts.Body)!["todo"]);
        Assert.Contains(browser.Visited, u => u.AbsolutePath == "/signin-oidc");
        var account = await browser.GetAsync(_host.Url("/account"));
        Assert.Contains(StaffName, account.Body);
        Assert.Contains($"（{Staff}）", account.Body);
    }

    [Fact]
    public async Task The_web_ui_sends_a_visitor_to_the_login_page_and_back_to_the_workbench()
    {
        using var browser = new Browser();
        var login = await browser.GetAsync(_host.Url("/"));
        Assert.Equal("/idp/login", login.Path);

        var workbench = await browser.LogInAsync(login, Staff);

        Assert.Equal(_host.Url("/"), workbench.Url.ToString());
        Assert.Equal(HttpStatusCode.OK, workbench.Status);
        // The prerendered page writes Chinese as character references.
        Assert.Contains("工作台 · " + StaffName, WebUtility.HtmlDecode(workbench.Body));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_login_page_again_with_the_error_and_the_login_kept()
    {
        using var browser = new Browser();
        var login = await browser.LoginPageAsync(_host.Origin);

        var again = await browser.LogInAsync(login, Staff, "not-the-password");

        Assert.Equal("/idp/login", again.Path);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("账号或密码不正确", again.Body);
        Assert.Contains("role=\"alert\"", again.Body);
        Assert.Equal(Staff, again.InputValue("login"));
        Assert.Equal("", again.InputValue("password"));
        // The same form, now with the right password, completes the sign-in.
        var account = await browser.LogInAsync(again, Staff);
        Assert.Equal("/account", account.Path);
        Assert.Contains(StaffName, account.Body);
    }

    [Fact]
    public async Task The_login_page_is_in_English_when_asked()
    {
        // A browser set to English alone still gets Chinese first; English is an explicit choice.
        using var englishBrowser = new Browser(acceptLanguage: "en-GB,en;q=0.9");
        Assert.Contains("<html lang=\"zh-CN\">", (await englishBrowser.LoginPageAsync(_host.Origin)).Body);
        using var browser = new Browser();
        var login = await browser.LoginPageAsync(_host.Origin, query: "&lang=en");
        Assert.Contains("<html lang=\"en\">", login.Body);
        Assert.Contains("<label for=\"login\">Account</label>", login.Body);

        var wrong = await browser.LogInAsync(login, Staff, "nope");
        Assert.Contains("The account or password is incorrect.", wrong.Body);

        using var chinese = new Browser();
        var asked = await chinese.LoginPageAsync(_host.Origin, query: "&lang=en");
        Assert.Contains("<html lang=\"en\">", asked.Body);
    }

    [Fact]
    public async Task A_login_the_organisation_does_not_know_gets_the_clear_page_and_no_session()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CredentialStore>().SetPasswordAsync("ghost", DemoPassword, Api.Ct);
        using var browser = new Browser();

        var page = await browser.SignInAsync(_host.Origin, "ghost");

        Assert.Equal("/account/unknown", page.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("您的账号不在本单位组织架构中，请联系管理员", page.Body);
        Assert.Contains("ghost", page.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(_host.Url("/api/tasks/counts"))).Status);
        // "Sign in with another account" asks for a password again although the provider's session is still on.
        var other = await browser.GetAsync(_host.Url("/account/signin?prompt=login&returnUrl=/account"));
        Assert.Equal("/idp/login", other.Path);
        var signedIn = await browser.LogInAsync(other, Staff);
        Assert.Contains(StaffName, signedIn.Body);
    }

    [Fact]
    public async Task Sign_out_ends_the_host_session_and_the_provider_session()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(_host.Url("/api/tasks/counts"))).Status);

        var confirm = await browser.GetAsync(_host.Url("/account/signout"));
        Assert.False(string.IsNullOrEmpty(confirm.InputValue("__RequestVerificationToken")));
        browser.Visited.Clear();
        var signedOut = await browser.SubmitAsync(confirm);

        Assert.Equal("/account/signed-out", signedOut.Path);
        Assert.Contains("您已安全退出", signedOut.Body);
        var endSession = browser.Visited.Single(u => u.AbsolutePath == "/connect/logout");
        Assert.Contains("id_token_hint=", endSession.Query);
        Assert.Contains(browser.Visited, u => u.AbsolutePath == "/signout-callback-oidc");
        await (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/api/tasks/counts"))))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        // The provider forgot the person too: signing in again asks for the password.
        await browser.LoginPageAsync(_host.Origin);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, _host.Url("/account/signout"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>()),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(_host.Url("/api/tasks/counts"))).Status);
    }

    [Fact]
    public async Task A_bearer_token_from_the_code_flow_works_on_the_api_and_refreshes()
    {
        using var browser = new Browser();
        var tokens = await browser.CodeFlowTokensAsync(_host.Origin, Staff);
        var access = (string)tokens["access_token"]!;

        var jwt = new JsonWebToken(access);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(Staff, jwt.Subject);
        Assert.Contains("approvals-api", jwt.Audiences);
        Assert.Equal(_host.Origin + "/", jwt.Issuer);
        Assert.Equal(StaffName, jwt.GetClaim("name").Value);
        var counts = await (await GetWithBearerAsync(_host.Url("/api/tasks/counts"), access)).JsonAsync();
        Assert.NotNull(counts["todo"]);

        using var http = new HttpClient();
        var refreshed = await (await http.PostAsync(_host.Url("/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CliClient,
            ["refresh_token"] = (string)tokens["refresh_token"]!,
        }), Api.Ct)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetWithBearerAsync(_host.Url("/api/tasks/counts"), (string)refreshed["access_token"]!)).StatusCode);

        // An ID token is for the client, not the API; a forged token is nothing.
        var idToken = await GetWithBearerAsync(_host.Url("/api/tasks/counts"), (string)tokens["id_token"]!);
        await idToken.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("invalid_token", idToken.Headers.WwwAuthenticate.ToString());
        await (await GetWithBearerAsync(_host.Url("/api/tasks/counts"), access[..^4] + "AAAA")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_token_asked_for_at_localhost_is_honoured_at_127_0_0_1()
    {
        var localhost = _host.Origin.Replace("127.0.0.1", "localhost");
        using var browser = new Browser();
        var access = (string)(await browser.CodeFlowTokensAsync(localhost, Staff))["access_token"]!;
        Assert.Equal(localhost + "/", new JsonWebToken(access).Issuer);
        await (await GetWithBearerAsync(_host.Url("/api/tasks/counts"), access)).JsonAsync();
    }

    [Fact]
    public async Task Userinfo_names_the_organisation_user()
    {
        using var browser = new Browser();
        var tokens = await browser.CodeFlowTokensAsync(_host.Origin, Staff);
        var info = await (await GetWithBearerAsync(_host.Url("/connect/userinfo"), (string)tokens["access_token"]!)).JsonAsync();
        Assert.Equal(Staff, (string?)info["sub"]);
        Assert.Equal(StaffName, (string?)info["name"]);
        Assert.Equal(Staff, (string?)info["preferred_username"]);
    }

    [Fact]
    public async Task The_api_answers_an_anonymous_caller_with_401_and_a_problem_not_a_redirect()
    {
        using var browser = new Browser();
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/api/tasks/counts")));
        Assert.Null(response.Headers.Location);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(_host.Url("/health"))).Status);
        // A page outside the API starts sign-in instead.
        var account = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account")));
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
    }

    [Fact]
    public async Task The_development_header_is_ignored_when_not_allowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _host.Url("/api/tasks/counts"));
        request.Headers.Add("X-Acting-User", Staff);
        using var http = new HttpClient();
        await (await http.SendAsync(request, Api.Ct)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task The_discovery_document_advertises_code_with_pkce_and_the_endpoints()
    {
        using var http = new HttpClient();
        var discovery = await http.GetJsonAsync(_host.Url("/.well-known/openid-configuration"));
        Assert.Equal(_host.Origin + "/", (string?)discovery["issuer"]);
        Assert.Equal(_host.Url("/connect/logout"), (string?)discovery["end_session_endpoint"]);
        Assert.Equal(_host.Url("/connect/userinfo"), (string?)discovery["userinfo_endpoint"]);
        Assert.Contains("S256", discovery["code_challenge_methods_supported"].Items().Select(n => (string?)n));
        Assert.DoesNotContain("password", discovery["grant_types_supported"].Items().Select(n => (string?)n));
    }
}
