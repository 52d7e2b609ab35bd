using System.Text.RegularExpressions;
using Approvals.Host.SignIn.Provider;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>
/// The login page's throttle, over real HTTP: per login AND source (another address still signs in), counted exactly
/// under concurrent guesses, a hold that doubles, a Chinese message that says when to come back, and
/// <c>X-Forwarded-For</c> believed only from a configured proxy. The clock is the only fake.
/// </summary>
public sealed class LoginThrottleTests(EmbeddedProviderHost fixture) : IClassFixture<EmbeddedProviderHost>
{
    private readonly SignInHost _host = fixture.Host;

    private const string Wrong = "账号或密码不正确", Held = "密码错误次数过多";

    private static async Task<Page> LoginFormAsync(Browser browser, SignInHost host)
    {
        var page = await browser.GetAsync(host.Url("/idp/login"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    /// <summary>Posts the login form once (stopping at the first redirect) with an optional <c>X-Forwarded-For</c>.</summary>
    private static async Task<Page> TryAsync(Browser browser, Page form, string login, string password, string? forwardedFor = null)
    {
        var (action, hidden) = form.Form();
        hidden["login"] = login;
        hidden["password"] = password;
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(hidden) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await browser.SendAsync(request);
        return new Page(action, response.StatusCode, await response.Content.ReadAsStringAsync(Api.Ct), response);
    }

    private static void AssertWrong(Page page)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(Wrong, page.Body);
    }

    /// <summary>Held: 429 and the Chinese message naming the minutes to wait; returns them.</summary>
    private static int AssertHeld(Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        var match = Regex.Match(page.Body, Held + "，请 (\\d+) 分钟后再试");
        Assert.True(match.Success, page.Body);
        Assert.True(page.Response.Headers.RetryAfter is not null, "Retry-After is set");
        return int.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task Wrong_passwords_from_one_source_do_not_lock_out_the_person_at_another()
    {
        using var attacker = new Browser();
        var form = await LoginFormAsync(attacker, _host);
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++) AssertWrong(await TryAsync(attacker, form, Staff, "guess-" + i));
        Assert.Equal(1, AssertHeld(await TryAsync(attacker, form, Staff, "guess-x")));
        // Held means held: not even the right password is checked from there.
        AssertHeld(await TryAsync(attacker, form, Staff, DemoPassword));

        using var person = new Browser(from: SignInHost.OtherLoopback);
        var account = await person.SignInAsync(_host.Origin, Staff);
        Assert.Equal("/account", account.Path);
        Assert.Contains(StaffName, account.Body);
    }

    [Fact]
    public async Task Sixteen_concurrent_wrong_guesses_from_one_source_check_exactly_the_free_attempts()
    {
        using var attacker = new Browser();
        var form = await LoginFormAsync(attacker, _host);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => TryAsync(attacker, form, "wangjing", "guess-" + i)));

        Assert.Equal(LoginThrottle.FreeAttempts, answers.Count(a => a.Status == HttpStatusCode.OK && a.Body.Contains(Wrong)));
        Assert.Equal(16 - LoginThrottle.FreeAttempts, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests && a.Body.Contains(Held)));
    }

    [Fact]
    public async Task The_hold_doubles_with_every_further_wrong_password()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new SignInHost(services: s => s.AddSingleton<TimeProvider>(clock)).Start();
        using var browser = new Browser();
        var form = await LoginFormAsync(browser, host);
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++) AssertWrong(await TryAsync(browser, form, Staff, "guess-" + i));
        var first = await TryAsync(browser, form, Staff, "guess");
        Assert.Equal(1, AssertHeld(first));
        Assert.Equal(TimeSpan.FromMinutes(1), first.Response.Headers.RetryAfter!.Delta);

        clock.Advance(TimeSpan.FromMinutes(1));
        AssertWrong(await TryAsync(browser, form, Staff, "after-one-minute"));
        Assert.Equal(2, AssertHeld(await TryAsync(browser, form, Staff, "guess")));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, AssertHeld(await TryAsync(browser, form, Staff, "guess")));
        clock.Advance(TimeSpan.FromMinutes(1));
        AssertWrong(await TryAsync(browser, form, Staff, "after-two-more"));
        Assert.Equal(4, AssertHeld(await TryAsync(browser, form, Staff, "guess")));

        clock.Advance(TimeSpan.FromMinutes(4));
        var right = await TryAsync(browser, form, Staff, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.Status);
        // A right password clears the count: five more wrong ones are answered before the next hold.
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++) AssertWrong(await TryAsync(browser, form, Staff, "again-" + i));
        Assert.Equal(1, AssertHeld(await TryAsync(browser, form, Staff, "again")));
    }

    [Fact]
    public async Task The_held_page_says_in_english_when_asked()
    {
        using var browser = new Browser();
        var page = await browser.GetAsync(_host.Url("/idp/login?lang=en"));
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++) await TryAsync(browser, page, "hulina", "guess-" + i);
        var held = await TryAsync(browser, page, "hulina", "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, held.Status);
        Assert.Contains("Too many wrong passwords; try again in 1 minute", held.Body);
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_only_from_a_configured_proxy()
    {
        // Not configured: a new X-Forwarded-For with every guess changes nothing.
        using (var attacker = new Browser())
        {
            var form = await LoginFormAsync(attacker, _host);
            for (var i = 0; i < LoginThrottle.FreeAttempts; i++) AssertWrong(await TryAsync(attacker, form, "chenxiaoyu", "guess-" + i, $"10.0.0.{i + 1}"));
            AssertHeld(await TryAsync(attacker, form, "chenxiaoyu", "guess", "10.0.0.99"));
        }

        await using var behindProxy = new SignInHost(settings: new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }).Start();
        using var proxy = new Browser();
        var proxied = await LoginFormAsync(proxy, behindProxy);
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++) AssertWrong(await TryAsync(proxy, proxied, "chenxiaoyu", "guess-" + i, "10.0.0.1"));
        AssertHeld(await TryAsync(proxy, proxied, "chenxiaoyu", DemoPassword, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(proxy, proxied, "chenxiaoyu", DemoPassword, "10.0.0.2")).Status);
    }
}
