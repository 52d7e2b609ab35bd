using Approvals.Host.Tests.SignIn;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.Security;

using Browser = Approvals.Host.Tests.SignIn.Browser;

/// <summary>
/// Every answer carries the security headers: a UI page, the API (an answer and a refusal), health, the login page,
/// static files, the API reference. Over real HTTP with a signed-in browser.
/// </summary>
public sealed class SecurityHeadersTests(ProtectedHost fixture) : IClassFixture<ProtectedHost>
{
    private readonly SignInHost _host = fixture.Host;

    [Fact]
    public async Task Every_kind_of_answer_has_the_headers()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        using var anonymous = new Browser();
        (Browser Who, string Path, HttpStatusCode Status)[] answers =
        [
            (browser, "/", HttpStatusCode.OK),
            (browser, "/admin/flows", HttpStatusCode.OK),
            (browser, "/api/tasks/counts", HttpStatusCode.OK),
            (anonymous, "/api/tasks/counts", HttpStatusCode.Unauthorized),
            (browser, "/api/no-such-thing", HttpStatusCode.NotFound),
            (anonymous, "/health", HttpStatusCode.OK),
            (anonymous, "/idp/login", HttpStatusCode.OK),
            (anonymous, "/account/signin", HttpStatusCode.Found),
            (anonymous, "/app.css", HttpStatusCode.OK),
            (anonymous, "/_framework/blazor.web.js", HttpStatusCode.OK),
            (anonymous, "/_content/MudBlazor/MudBlazor.min.js", HttpStatusCode.OK),
            (anonymous, "/api/reference", HttpStatusCode.Found),
            (anonymous, "/api/reference/", HttpStatusCode.OK),
            (anonymous, "/api/reference/scalar.js", HttpStatusCode.OK),
            (anonymous, "/openapi/v1.json", HttpStatusCode.OK),
        ];
        foreach (var (who, path, status) in answers)
        {
            var response = await who.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url(path)));
            Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Contains(Header(response, "Referrer-Policy"), new[] { "same-origin", "no-referrer", "strict-origin" });
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp.Replace("default-src 'none'", "object-src 'none'"));
            if (!path.StartsWith("/api/reference")) Assert.DoesNotContain("'unsafe-inline'", Directive(csp, "script-src"));
        }
        // The sign-in pages keep their stricter policy: no scripts at all.
        var login = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/idp/login")));
        Assert.StartsWith("default-src 'none'", Header(login, "Content-Security-Policy"));
        // A page's scripts come from this host only.
        var page = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, _host.Url("/")));
        Assert.Equal("'self'", Directive(Header(page, "Content-Security-Policy"), "script-src"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header");

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(d => d.StartsWith(name + " "))?[(name.Length + 1)..] ?? "";
}
