using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven through ChromeDriver, as a person would use the UI: real sign-in,
/// real clicks and typing. Screenshots go to <c>screenshots/</c> in the test output folder.
/// </summary>
public sealed class ChromeSession : IDisposable
{
    private readonly ChromeDriver _driver;
    private readonly string _origin;

    public ChromeSession(string origin, int width = 1280, int height = 900)
    {
        RequireBrowser();
        _origin = origin;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        // Headless Chromium will not make a window narrower than 500px; a phone is emulated instead.
        if (width < 500) options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings { Width = width, Height = height, PixelRatio = 1, EnableTouchEvents = true, UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36" });
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            $"--window-size={Math.Max(width, 500)},{height}", "--lang=zh-CN", $"--user-data-dir={Path.Combine(Path.GetTempPath(), "approvals-chrome", Guid.NewGuid().ToString("N"))}");
        // The console, so a test can see what the Content-Security-Policy refused.
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
    }

    public IWebDriver Driver => _driver;

    /// <summary>
    /// Browser tests need Debian's chromium and chromedriver (`.ci/run` installs them). Without them a
    /// developer's run skips these tests with the install command; in CI (CI=true) it fails instead.
    /// </summary>
    private static void RequireBrowser()
    {
        if (File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/chromedriver")) return;
        const string why = "Chromium is not installed: apt-get install -y chromium chromium-driver fonts-wqy-microhei";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(why);
        Assert.Skip(why);
    }

    public void Go(string path) => _driver.Navigate().GoToUrl(_origin + path);

    /// <summary>Signs in through the real OpenID Connect flow: the app redirects to the provider's login page and back.</summary>
    public void SignIn(string login, string password = "Demo@2026", string path = "/")
    {
        Go(path);
        Wait(By.Id("login")).SendKeys(login);
        _driver.FindElement(By.Id("password")).SendKeys(password);
        _driver.FindElement(By.CssSelector("form button[type=submit], form input[type=submit]")).Click();
        try
        {
            WaitUntil(d => d.Url.StartsWith(_origin) && !d.Url.Contains("/connect/") && !d.Url.Contains("/account/"));
            WaitForBlazor();
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot($"signin-failed-{login}");
            throw new InvalidOperationException($"Signing in as {login} did not reach the app; the page is {_driver.Url}: {_driver.FindElement(By.TagName("body")).Text}");
        }
    }

    /// <summary>Waits until the interactive circuit is up (MudBlazor's layout is rendered).</summary>
    public void WaitForBlazor() => Wait(By.CssSelector(".mud-layout"));

    public IWebElement Wait(By by, int seconds = 30) => Waiter(seconds).Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed));

    /// <summary>
    /// The text of the first visible element <paramref name="by"/> finds, once it contains <paramref name="expected"/>
    /// (any text when null); read inside the wait so a re-render between finding and reading is retried.
    /// </summary>
    public string TextOf(By by, string? expected = null, int seconds = 30) => Waiter(seconds).Until(d =>
    {
        var text = d.FindElements(by).FirstOrDefault(e => e.Displayed)?.Text;
        return text is not null && (expected is null || text.Contains(expected)) ? text : null;
    })!;

    public void WaitUntil(Func<IWebDriver, bool> condition, int seconds = 30) => Waiter(seconds).Until(condition);

    /// <summary>Blazor re-renders under the test's feet; an element that went stale is simply looked up again.</summary>
    private WebDriverWait Waiter(int seconds)
    {
        var wait = new WebDriverWait(_driver, TimeSpan.FromSeconds(seconds));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(ElementClickInterceptedException));
        return wait;
    }

    /// <summary>Clicks what <paramref name="by"/> finds, looking it up again if a re-render replaced it.</summary>
    public void ClickWhenReady(By by) => Waiter(30).Until(d =>
    {
        var e = d.FindElements(by).FirstOrDefault(x => x.Displayed && x.Enabled);
        if (e is null) return false;
        e.Click();
        return true;
    });

    /// <summary>The first visible element containing <paramref name="text"/>.</summary>
    public IWebElement WaitForText(string text, string tag = "*", int seconds = 30) =>
        Wait(By.XPath($"//{tag}[contains(normalize-space(.), {XPathLiteral(text)})][not(descendant::{tag}[contains(normalize-space(.), {XPathLiteral(text)})])]"), seconds);

    /// <summary>The console messages since the last call (each call drains the log).</summary>
    public IReadOnlyList<string> ConsoleMessages() => _driver.Manage().Logs.GetLog(LogType.Browser).Select(e => $"{e.Level}: {e.Message}").ToList();

    public bool PageContains(string text) => _driver.FindElement(By.TagName("body")).Text.Contains(text);

    /// <summary>Opens a MudSelect inside <paramref name="containerCss"/> and picks the option whose text contains <paramref name="option"/>.</summary>
    public void Choose(string containerCss, string option)
    {
        ClickWhenReady(By.CssSelector($"{containerCss} .mud-select .mud-input-control, {containerCss} .mud-select"));
        ClickWhenReady(By.XPath($"//div[contains(@class,'mud-popover-open')]//*[contains(@class,'mud-list-item')][contains(normalize-space(.), {XPathLiteral(option)})]"));
        WaitUntil(d => d.FindElements(By.CssSelector(".mud-popover-open .mud-list-item")).Count == 0);
    }

    public void Type(string css, string text) => Waiter(30).Until(d =>
    {
        var input = d.FindElements(By.CssSelector(css)).FirstOrDefault(x => x.Displayed);
        if (input is null) return false;
        input.Clear();
        input.SendKeys(text);
        input.SendKeys(Keys.Tab);
        return true;
    });

    public void Click(string css) => ClickWhenReady(By.CssSelector(css));

    /// <summary>Saves a PNG of the page and returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        _driver.GetScreenshot().SaveAsFile(file);
        return file;
    }

    private static string XPathLiteral(string s) => s.Contains('\'') ? $"concat('{s.Replace("'", "',\"'\",'")}')" : $"'{s}'";

    public void Dispose()
    {
        try { _driver.Quit(); } catch (WebDriverException) { }
        _driver.Dispose();
    }
}
