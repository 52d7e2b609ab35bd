using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Approvals.Host.Startup;

/// <summary>
/// Behind a reverse proxy (nginx terminating TLS) the host must see the caller's address and <c>https</c>, or the
/// sign-in builds <c>http://</c> redirect URIs and the logs name the proxy. <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are honoured only from the proxies listed in <c>ForwardedHeaders:KnownProxies</c> (addresses)
/// or <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>); with neither set they are ignored, so
/// nobody can claim another address or scheme by sending the headers themselves.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static void AddApprovalsForwardedHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies"));
        var networks = Values(section.GetSection("KnownNetworks"));
        var enabled = proxies.Count > 0 || networks.Count > 0;
        builder.Services.AddSingleton(new ForwardedHeadersSwitch(enabled));
        if (!enabled) return;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The configured lists replace the defaults (loopback), so what is trusted is exactly what is written.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies)
                o.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address"));
            foreach (var n in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(n, out var net) ? net
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24)"));
            if (section["ForwardLimit"] is { Length: > 0 } limit && int.TryParse(limit, out var l)) o.ForwardLimit = l;
        });
    }

    /// <summary>First in the pipeline, so that logging, sign-in and everything after see the forwarded values.</summary>
    public static void UseApprovalsForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSwitch>().Enabled) app.UseForwardedHeaders();
    }

    /// <summary>Either a list (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>) or one comma-separated value.</summary>
    private static List<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is { } single) items.Add(single);
        return items.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }

    private sealed record ForwardedHeadersSwitch(bool Enabled);
}
