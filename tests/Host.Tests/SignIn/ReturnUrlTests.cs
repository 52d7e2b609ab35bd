using Approvals.Host.SignIn;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>
/// Every place that follows a return URL (<c>/account/signin</c>, the login page's POST, the language switch) sends
/// the browser only to a path on this host, percent-encoded; anything else goes to <c>/</c>. Over real HTTP with the
/// real sign-in.
/// </summary>
public sealed class ReturnUrlTests(EmbeddedProviderHost fixture) : IClassFixture<EmbeddedProviderHost>
{
    private readonly SignInHost _host = fixture.Host;

    /// <summary>Inputs that a browser would read as another host, a script, or that are not a valid header.</summary>
    public static readonly string[] Hostile =
    [
        "//evil.example/pwned", "/\\evil.example", "\\\\evil.example", "/\t/127.0.0.1:41039/pwned", "/\n/evil.example", "/\r/evil.example",
        "\t//evil.example", " //evil.example", "/%09/evil.example", "/%0A/evil.example", "/%2F/evil.example", "%2F%2Fevil.example",
        "/%2F%2Fevil.example", "/%5Cevil.example", "%5C%5Cevil.example", "/%5C/evil.example", "/%252F%252Fevil.example",
        "/a\\..\\..\\\\evil.example", "/.//evil.example", "/./%2F/evil.example", "///evil.example", "https://evil.example/",
        "http:evil.example", "HTTPS://evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>x</script>",
        "evil.example", "/\r\nSet-Cookie: x=1", "/ok\r\nLocation: https://evil.example", "/\u0000//evil.example", "/\u200B/evil.example",
        "/\u2028/evil.example", "/\u007F/evil.example", "\u3000//evil.example", "",
    ];

    /// <summary>Location is a path on the host: one leading slash, printable ASCII, resolving to the same origin.</summary>
    private void AssertSameOriginPath(HttpResponseMessage response, string input)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{Show(input)}: {(int)response.StatusCode}");
        var location = response.Headers.TryGetValues("Location", out var values) ? values.Single() : "";
        Assert.True(IsSameOriginPath(location), $"{Show(input)} → Location {Show(location)}");
    }

    private bool IsSameOriginPath(string location)
    {
        if (location.Length == 0 || location[0] != '/' || (location.Length > 1 && location[1] is '/' or '\\')) return false;
        if (location.Any(c => c <= ' ' || c >= 127 || c == '\\')) return false;
        var origin = new Uri(_host.Origin + "/");
        return new Uri(origin, location) is var resolved && resolved.Authority == origin.Authority && !resolved.AbsolutePath.StartsWith("//");
    }

    private static string Show(string s) => string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>Random strings made of the characters that matter, plus the fixed list: the pure rule and over HTTP.</summary>
    private static IEnumerable<string> Generated(int count)
    {
        var random = new Random(20261207);
        string[] parts = ["/", "//", "\\", "%2F", "%2f", "%5C", "%25", "%09", "%0D%0A", "\t", "\n", "\r", " ", ":", ".", "..", "@", "?", "#",
            "evil.example", "javascript:", "http:", "中文", "é", "%E4%B8%AD", "\u200B", "a", "0"];
        for (var i = 0; i < count; i++)
            yield return string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => parts[random.Next(parts.Length)]));
    }

    [Fact]
    public void The_rule_keeps_every_generated_input_on_the_host()
    {
        foreach (var input in Hostile.Concat(Generated(20_000)))
        {
            var safe = ReturnUrls.Safe(input);
            Assert.True(IsSameOriginPath(safe), $"{Show(input)} → {Show(safe)}");
        }
        foreach (var input in Hostile) Assert.Equal("/", ReturnUrls.Safe(input));
        Assert.Equal("/requests/%E4%B8%AD%E6%96%87?q=%E4%B8%AD&x=1#top", ReturnUrls.Safe("/requests/中文?q=中&x=1#top"));
        Assert.Equal("/requests/%E4%B8%AD%E6%96%87", ReturnUrls.Safe("/requests/%E4%B8%AD%E6%96%87"));
        Assert.Equal("/tasks?q=a%20b%22%3C", ReturnUrls.Safe("/tasks?q=a b\"<"));
        Assert.Equal("/100%25", ReturnUrls.Safe("/100%"));
    }

    [Fact]
    public async Task A_signed_in_browser_is_sent_only_to_paths_on_the_host()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        foreach (var input in Hostile.Concat(Generated(150)))
        {
            var signIn = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account/signin?returnUrl=" + Uri.EscapeDataString(input))));
            AssertSameOriginPath(signIn, input);
            var language = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account/language?culture=zh-CN&returnUrl=" + Uri.EscapeDataString(input))));
            AssertSameOriginPath(language, input);
        }
        foreach (var input in Hostile)
        {
            var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account/signin?returnUrl=" + Uri.EscapeDataString(input))));
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task The_login_form_posted_with_a_hostile_return_url_goes_home()
    {
        using var browser = new Browser();
        var login = await browser.GetAsync(_host.Url("/idp/login"));
        foreach (var input in Hostile.Where((_, i) => i % 3 == 0).Append("/\t/127.0.0.1:41039/pwned").Append("/\u0000//evil.example"))
        {
            if (input.Contains('\0'))
            {
                // A NUL byte cannot be read as a form at all: the login page again, in Chinese, not a 500.
                var refused = await browser.SubmitAsync(login, new Dictionary<string, string> { ["returnUrl"] = input, ["login"] = Staff, ["password"] = DemoPassword });
                Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
                Assert.Contains("提交的内容无法识别", refused.Body);
                continue;
            }
            var answer = await browser.SubmitAsync(login, new Dictionary<string, string> { ["returnUrl"] = input, ["login"] = Staff, ["password"] = DemoPassword },
                stopAt: _ => true);
            AssertSameOriginPath(answer.Response, input);
            Assert.Equal("/", answer.Response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task The_real_sign_in_with_a_hostile_return_url_ends_at_the_workbench()
    {
        using var browser = new Browser();
        var login = await browser.GetAsync(_host.Url("/account/signin?returnUrl=%2F%09%2F127.0.0.1%3A41039%2Fpwned"));
        Assert.Equal("/idp/login", login.Path);

        var landed = await browser.LogInAsync(login, Staff);

        Assert.Equal(_host.Url("/"), landed.Url.ToString());
        Assert.Equal(HttpStatusCode.OK, landed.Status);
        Assert.All(browser.Visited, u => Assert.Equal(new Uri(_host.Origin).Authority, u.Authority));
    }

    [Fact]
    public async Task A_chinese_return_url_survives_the_sign_in_percent_encoded()
    {
        using var browser = new Browser();
        var login = await browser.GetAsync(_host.Url("/account/signin?returnUrl=" + Uri.EscapeDataString("/requests/中文")));
        Assert.Equal("/idp/login", login.Path);

        var landed = await browser.LogInAsync(login, Staff);

        Assert.Equal("/requests/%E4%B8%AD%E6%96%87", landed.Url.AbsolutePath);
        Assert.True((int)landed.Status < 500, $"{landed.Status}: {landed.Body}");
        // Signed in now: the same address is followed directly, encoded; CR/LF is no longer a 500.
        var again = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account/signin?returnUrl=/requests/中文")));
        Assert.Equal("/requests/%E4%B8%AD%E6%96%87", again.Headers.Location?.OriginalString);
        var crlf = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/account/signin?returnUrl=%2Fa%0D%0ALocation%3A%20x")));
        Assert.Equal("/", crlf.Headers.Location?.OriginalString);
    }
}
