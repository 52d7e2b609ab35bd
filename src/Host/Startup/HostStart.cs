using Microsoft.Extensions.Hosting;

namespace Approvals.Host.Startup;

/// <summary>
/// How the host is created, so that it behaves the same whichever folder it is started from and in any environment:
/// the content root (where <c>appsettings*.json</c> are read) is the app's own folder unless one is given
/// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>); by default ASP.NET Core would take
/// the current directory, and a host started elsewhere would silently run without its settings.
/// </summary>
public static class HostStart
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ExplicitContentRoot(args) is null ? AppContext.BaseDirectory : null,
    };

    /// <summary>
    /// A build (not a publish) keeps the UI's package assets (MudBlazor's CSS, <c>blazor.web.js</c>) where NuGet and the
    /// project put them and lists them in <c>&lt;app&gt;.staticwebassets.runtime.json</c>; ASP.NET Core reads that list
    /// only in Development. <c>dotnet run -c Release</c> in Production would then serve pages without CSS or JS, so the
    /// list is used in every environment when it is there. A published build has no such list: its assets are in its
    /// own <c>wwwroot</c>, and nothing changes for it.
    /// </summary>
    public static void UseBuildOutputStaticAssets(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return; // already done by WebApplication.CreateBuilder
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (File.Exists(manifest)) builder.WebHost.UseStaticWebAssets();
    }

    private static string? ExplicitContentRoot(string[] args) => new ConfigurationBuilder()
        .AddEnvironmentVariables("DOTNET_")
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddCommandLine(args)
        .Build()[HostDefaults.ContentRootKey];
}
