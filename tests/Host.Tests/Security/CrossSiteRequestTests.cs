using System.Net.Http.Headers;
using Approvals.Host.Tests.SignIn;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.Security;

using Browser = Approvals.Host.Tests.SignIn.Browser;

/// <summary>One host on a real port with the embedded sign-in and the command-line client (for a bearer token).</summary>
public sealed class ProtectedHost : IAsyncLifetime
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
/// Cross-site request forgery: a page on another origin (another port of the same machine is "same-site" and
/// still another origin) cannot make the signed-in person's browser change anything, and the API takes JSON only
/// as JSON. Over real HTTP, signed in through the real sign-in; a bearer token is unaffected.
/// </summary>
public sealed class CrossSiteRequestTests(ProtectedHost fixture) : IClassFixture<ProtectedHost>
{
    private readonly SignInHost _host = fixture.Host;
    private string OtherPort => $"http://127.0.0.1:{new Uri(_host.Origin).Port + 1}";

    private const string Body = $$$"""{"definitionId":"{{{Api.SampleId}}}","input":{"docNo":"CSRF-1","amount":100}}""";

    private HttpRequestMessage Start(string mediaType = "application/json", string body = Body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _host.Url("/api/requests")) { Content = new StringContent(body, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static async Task<int> MyRequestsAsync(Browser browser, string url) =>
        (int)(await (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, url))).JsonAsync())["total"]!;

    [Fact]
    public async Task A_cookie_post_from_another_origin_is_refused_and_creates_nothing()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        var before = await MyRequestsAsync(browser, _host.Url("/api/requests"));

        (string, string)[][] forged =
        [
            [("Origin", OtherPort)],
            [("Sec-Fetch-Site", "same-site"), ("Origin", OtherPort)],
            [("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example")],
            // Sec-Fetch-Site is the browser's word: a same-site page cannot claim the host's own Origin past it.
            [("Sec-Fetch-Site", "same-site"), ("Origin", _host.Origin)],
            [("Origin", "null")],
            [("Referer", OtherPort + "/attack.html")],
            [("Origin", _host.Origin.Replace("http://", "https://"))],
        ];
        foreach (var headers in forged)
        {
            var response = await browser.SendAsync(Start(headers: headers));
            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-request");
            Assert.Equal("请求来自其他网站或端口，已拒绝：请在本系统的页面中操作", (string?)problem["title"]);
        }
        // The form an attacker's page auto-submits: text/plain with JSON in it, from the page next door.
        var form = await browser.SendAsync(Start("text/plain", headers: [("Origin", OtherPort), ("Sec-Fetch-Site", "same-site")]));
        await form.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-request");
        var english = Start(headers: [("Origin", OtherPort)]).WithLanguage("en");
        var englishProblem = await (await browser.SendAsync(english)).ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-request");
        Assert.StartsWith("the request came from another site or port", (string?)englishProblem["title"]);
        // Deleting is as unsafe as posting.
        await (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _host.Url("/api/org/out-of-office/x")) { Headers = { { "Origin", OtherPort } } }))
            .ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-request");

        Assert.Equal(before, await MyRequestsAsync(browser, _host.Url("/api/requests")));
    }

    [Fact]
    public async Task A_same_origin_cookie_post_works()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        var before = await MyRequestsAsync(browser, _host.Url("/api/requests"));

        await (await browser.SendAsync(Start(headers: [("Sec-Fetch-Site", "same-origin"), ("Origin", _host.Origin)]))).JsonAsync(HttpStatusCode.Created);
        await (await browser.SendAsync(Start(headers: [("Origin", _host.Origin)]))).JsonAsync(HttpStatusCode.Created);
        await (await browser.SendAsync(Start(headers: [("Referer", _host.Url("/start"))]))).JsonAsync(HttpStatusCode.Created);
        await (await browser.SendAsync(Start("application/merge-patch+json", headers: [("Origin", _host.Origin)]))).JsonAsync(HttpStatusCode.Created);
        // localhost and 127.0.0.1 are the same host for the sign-in (a redirect URI is registered for each).
        await (await browser.SendAsync(Start(headers: [("Origin", _host.Origin.Replace("127.0.0.1", "localhost"))]))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(before + 5, await MyRequestsAsync(browser, _host.Url("/api/requests")));
    }

    [Fact]
    public async Task A_bearer_token_call_is_not_asked_where_it_came_from()
    {
        using var browser = new Browser();
        var token = (string)(await browser.CodeFlowTokensAsync(_host.Origin, Staff))["access_token"]!;
        using var http = new HttpClient();
        var request = Start(headers: [("Origin", OtherPort), ("Sec-Fetch-Site", "cross-site")]);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await http.SendAsync(request, Api.Ct)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Json_sent_as_text_or_as_a_form_is_415_in_the_callers_language()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        var before = await MyRequestsAsync(browser, _host.Url("/api/requests"));

        var text = await (await browser.SendAsync(Start("text/plain", headers: [("Origin", _host.Origin)]))).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("不支持的请求内容类型，请以 application/json 发送", (string?)text["title"]);
        await (await browser.SendAsync(Start("application/x-www-form-urlencoded", "definitionId=" + Api.SampleId, ("Origin", _host.Origin))))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await (await browser.SendAsync(Start("multipart/form-data; boundary=x", "--x--", ("Origin", _host.Origin))))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        var english = await (await browser.SendAsync(Start("text/plain", headers: [("Origin", _host.Origin)]).WithLanguage("en")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("the request content type is not supported; send application/json", (string?)english["title"]);
        // A bearer caller is held to the same rule.
        using var program = new Browser();
        var token = (string)(await program.CodeFlowTokensAsync(_host.Origin, Staff))["access_token"]!;
        using var http = new HttpClient();
        var withToken = Start("text/plain");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await http.SendAsync(withToken, Api.Ct)).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        Assert.Equal(before, await MyRequestsAsync(browser, _host.Url("/api/requests")));
    }

    [Fact]
    public async Task The_sign_in_forms_refuse_a_post_from_another_origin_with_a_chinese_page()
    {
        using var browser = new Browser();
        var login = await browser.LoginPageAsync(_host.Origin);
        var (action, hidden) = login.Form();
        hidden["login"] = Staff;
        hidden["password"] = DemoPassword;
        var forged = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(hidden), Headers = { { "Origin", OtherPort } } };

        var refused = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(Api.Ct);
        Assert.Contains("请求来自其他网站或端口，已拒绝", page);
        Assert.Contains("<html lang=\"zh-CN\">", page);
        // The same form from the login page itself signs in.
        var signedIn = await browser.LogInAsync(login, Staff);
        Assert.Contains(StaffName, signedIn.Body);
        var signOut = new HttpRequestMessage(HttpMethod.Post, _host.Url("/account/signout")) { Content = new FormUrlEncodedContent(new Dictionary<string, string>()), Headers = { { "Sec-Fetch-Site", "same-site" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(_host.Url("/api/tasks/counts"))).Status);
    }

    [Fact]
    public async Task The_web_ui_connection_refuses_another_origin()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        var negotiate = new HttpRequestMessage(HttpMethod.Post, _host.Url("/_blazor/negotiate?negotiateVersion=1")) { Headers = { { "Origin", OtherPort } } };
        await (await browser.SendAsync(negotiate)).ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-request");
        var ours = new HttpRequestMessage(HttpMethod.Post, _host.Url("/_blazor/negotiate?negotiateVersion=1")) { Headers = { { "Origin", _host.Origin } } };
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(ours)).StatusCode);
    }
}
