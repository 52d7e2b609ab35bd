using System.Text.RegularExpressions;

namespace Approvals.Host.Tests.SignIn;

/// <summary>A page as the browser ended on it: its address, status and HTML (or JSON).</summary>
public sealed record Page(Uri Url, HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public string Path => Url.AbsolutePath;

    /// <summary>The value of the first input named <paramref name="name"/>, HTML-decoded; null when there is none.</summary>
    public string? InputValue(string name)
    {
        var input = Regex.Matches(Body, "<input[^>]*>").Select(m => m.Value).FirstOrDefault(i => Attribute(i, "name") == name);
        return input is null ? null : Attribute(input, "value") ?? "";
    }

    /// <summary>The first form's action and its hidden fields.</summary>
    public (Uri Action, Dictionary<string, string> Hidden) Form()
    {
        var form = Regex.Match(Body, "<form[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"no form on {Url}: {Body}");
        var tag = Regex.Match(form.Value, "<form[^>]*>").Value;
        var action = new Uri(Url, Attribute(tag, "action") ?? Url.PathAndQuery);
        var hidden = Regex.Matches(form.Value, "<input[^>]*>").Select(m => m.Value)
            .Where(i => Attribute(i, "type") == "hidden")
            .ToDictionary(i => Attribute(i, "name")!, i => Attribute(i, "value") ?? "");
        return (action, hidden);
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }
}

/// <summary>
/// A minimal browser for the sign-in round trips: keeps cookies (per host, like a browser), follows redirects
/// itself and records every address it visited, submits forms with their hidden fields (antiforgery included).
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="acceptLanguage">The browser's language setting.</param>
    /// <param name="from">The local address to connect from (another machine, as far as the host can tell); null: the system's choice.</param>
    public Browser(string acceptLanguage = "zh-CN,zh;q=0.9", IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies };
        if (from is not null)
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(from.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        _http = new HttpClient(handler);
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/json;q=0.9,*/*;q=0.8");
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address requested, in order (redirects included).</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>GETs <paramref name="url"/> and follows redirects, stopping before an address <paramref name="stopAt"/> accepts.</summary>
    public Task<Page> GetAsync(string url, Func<Uri, bool>? stopAt = null) =>
        FollowAsync(new HttpRequestMessage(HttpMethod.Get, url), stopAt);

    /// <summary>Submits the page's first form: its hidden fields plus <paramref name="fields"/>.</summary>
    public Task<Page> SubmitAsync(Page page, IDictionary<string, string>? fields = null, Func<Uri, bool>? stopAt = null)
    {
        var (action, hidden) = page.Form();
        foreach (var (key, value) in fields ?? new Dictionary<string, string>()) hidden[key] = value;
        return FollowAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(hidden) }, stopAt);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Visited.Add(request.RequestUri!);
        return await _http.SendAsync(request, Api.Ct);
    }

    private async Task<Page> FollowAsync(HttpRequestMessage request, Func<Uri, bool>? stopAt)
    {
        for (var hops = 0; ; hops++)
        {
            var response = await SendAsync(request);
            var body = await response.Content.ReadAsStringAsync(Api.Ct);
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
                return new Page(request.RequestUri!, response.StatusCode, body, response);
            var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (stopAt?.Invoke(next) == true) return new Page(next, response.StatusCode, body, response);
            Assert.True(hops < 20, "too many redirects: " + string.Join(" → ", Visited));
            request = new HttpRequestMessage(HttpMethod.Get, next);
        }
    }

    public void Dispose() => _http.Dispose();
}
