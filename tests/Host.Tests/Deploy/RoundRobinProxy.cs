using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// The load balancer in front of several hosts, as small as it can be: each request goes to the next host in turn
/// (or to the one it is pinned to), with the Host header kept, so every host sees the public origin as nginx would
/// pass it. Cookies and redirects go back to the browser untouched.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer" };

    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private volatile string[] _backends = [];
    private int _next;

    private RoundRobinProxy(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>The public origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; }

    public static async Task<RoundRobinProxy> StartAsync()
    {
        var port = SignIn.SignInHost.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, $"http://127.0.0.1:{port}");
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>The hosts requests go to, in turn.</summary>
    public void Route(params string[] backends) => _backends = backends;

    private async Task ForwardAsync(HttpContext http)
    {
        var backends = _backends;
        var backend = backends[(int)((uint)Interlocked.Increment(ref _next) % backends.Length)];
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), backend + http.Request.Path + http.Request.QueryString);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0) request.Content = new StreamContent(http.Request.Body);
        foreach (var (name, values) in http.Request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        request.Headers.Host = http.Request.Host.Value;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!HopByHop.Contains(name)) http.Response.Headers[name] = values.ToArray();
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
