using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.SignIn;

/// <summary>
/// The real host on a real port (Kestrel on a loopback address), so that the OpenID Connect redirects, the
/// provider's discovery document and the token requests all go over HTTP as they do for a browser. The
/// development header is off (as in production) unless a test turns it on.
/// </summary>
public sealed class SignInHost : HostFactory
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="address">The loopback address to listen on (two hosts on different addresses keep their cookies apart, as different machines would).</param>
    /// <param name="port">0: any free port.</param>
    /// <param name="settings">Configuration on top of <see cref="HostFactory"/>'s.</param>
    /// <param name="folder">An existing folder (left in place when disposed), for a restart on the same data.</param>
    /// <param name="services">Replacements of the host's services (the clock).</param>
    public SignInHost(IPAddress? address = null, int port = 0, IDictionary<string, string?>? settings = null, string environment = "Development",
        HostFolder? folder = null, Action<IServiceCollection>? services = null) : base(folder ?? HostFolder.Create(), ownsFolder: folder is null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _environment = environment;
        var ip = address ?? IPAddress.Loopback;
        UseKestrel(o => o.Listen(ip, port));
    }

    /// <summary>Starts the server; returns this host for chaining.</summary>
    public SignInHost Start()
    {
        StartServer();
        return this;
    }

    /// <summary>The origin the server listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

    public string Url(string path) => Origin + path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(_environment);
        builder.UseSetting("Auth:AllowDevHeader", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>A port that was free a moment ago (for a host whose address another host must know before it starts).</summary>
    public static int FreePort(IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A second loopback address when the machine routes one (Linux: all of 127/8), else <c>localhost</c>'s.</summary>
    public static IPAddress OtherLoopback { get; } = FindOtherLoopback();

    private static IPAddress FindOtherLoopback()
    {
        var candidate = IPAddress.Parse("127.0.0.2");
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(candidate, 0));
            return candidate;
        }
        catch (SocketException)
        {
            return IPAddress.IPv6Loopback;
        }
    }
}
