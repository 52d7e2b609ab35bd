using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Approvals.Host.SignIn;

/// <summary>Origins (<c>scheme://host:port</c>) as plain strings without a trailing slash.</summary>
public static class Origins
{
    /// <summary>The origin of an absolute URL, e.g. <c>http://127.0.0.1:5000</c>; null when it is not an absolute http(s) URL.</summary>
    public static string? Of(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public static bool Same(string? a, string? b) => Of(a) is { } x && x == Of(b);

    /// <summary>True for http(s) URLs on a loopback address or <c>localhost</c>.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    public static bool IsHttps(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Where this host is reached. The embedded provider's authority is <c>Auth:PublicOrigin</c> when set, else the
/// first address the server listens on (https preferred; all-interfaces addresses become <c>127.0.0.1</c>). Server
/// addresses are known only once Kestrel has started (port 0, <c>--urls</c>), so everything here is asked lazily.
/// </summary>
public sealed class HostOrigins(IServer server, AuthSettings settings)
{
    /// <summary>The authority the host signs people in against, with a trailing slash.</summary>
    public string Authority()
    {
        if (!settings.IsEmbedded) return WithSlash(settings.Authority!);
        if (Origins.Of(settings.PublicOrigin) is { } configured) return configured + "/";
        var listening = Listening();
        var origin = listening.FirstOrDefault(Origins.IsHttps) ?? listening.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "The sign-in authority is not known: the server reports no address. Set Auth:PublicOrigin (or Auth:Authority).");
        return origin + "/";
    }

    /// <summary>The origins the server listens on, as clients reach them (all-interfaces addresses as 127.0.0.1).</summary>
    public IReadOnlyList<string> Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var result = new List<string>();
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) continue;
            var host = uri.Host.Trim('[', ']');
            var reachable = host is "0.0.0.0" or "::" or "+" or "*" ? "127.0.0.1" : uri.Host;
            if (Origins.Of($"{uri.Scheme}://{reachable}:{uri.Port}") is { } origin && !result.Contains(origin)) result.Add(origin);
        }
        return result;
    }

    /// <summary>True when the server listens on all interfaces (so people on other machines need <c>Auth:PublicOrigin</c>).</summary>
    public bool ListensOnAllInterfaces() =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Any(a =>
            Uri.TryCreate(a, UriKind.Absolute, out var u) && u.Host.Trim('[', ']') is "0.0.0.0" or "::");

    /// <summary>
    /// Every origin a browser may use for this host: the public origin and the listening ones, a loopback origin
    /// under both <c>localhost</c> and <c>127.0.0.1</c>. The embedded client's redirect URIs are registered for each.
    /// </summary>
    public IReadOnlyList<string> BrowserOrigins()
    {
        var result = new List<string>();
        void Add(string? origin) { if (origin is not null && !result.Contains(origin)) result.Add(origin); }
        Add(Origins.Of(settings.PublicOrigin));
        foreach (var origin in Listening())
        {
            Add(origin);
            if (!Origins.IsLoopback(origin)) continue;
            var uri = new Uri(origin);
            Add(Origins.Of($"{uri.Scheme}://localhost:{uri.Port}"));
            Add(Origins.Of($"{uri.Scheme}://127.0.0.1:{uri.Port}"));
        }
        return result;
    }

    private static string WithSlash(string url) => url.Trim().EndsWith('/') ? url.Trim() : url.Trim() + "/";
}
