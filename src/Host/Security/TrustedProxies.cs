using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Approvals.Host.Security;

/// <summary>
/// <c>Network:TrustedProxies</c>: the addresses of reverse proxies whose <c>X-Forwarded-For</c> names the real
/// client. Only then is the header believed (and only from those addresses); otherwise anyone could send a new
/// address with every password guess. Empty (the default): the client is the connection's own address.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Network:TrustedProxies";

    public static IReadOnlyList<IPAddress> From(IConfiguration config)
    {
        var values = config.GetSection(Section).Get<string[]>() ?? [];
        var single = config[Section];
        var all = values.Length > 0 ? values : (single ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return all.Select(v => IPAddress.TryParse(v, out var ip) ? ip
            : throw new InvalidOperationException($"{Section}: '{v}' is not an IP address")).ToList();
    }

    public static void UseTrustedProxies(this WebApplication app)
    {
        var proxies = From(app.Configuration);
        if (proxies.Count == 0) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        // The defaults trust any loopback proxy; only the configured ones are.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        app.UseForwardedHeaders(options);
    }
}
