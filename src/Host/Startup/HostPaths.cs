namespace Approvals.Host.Startup;

/// <summary>
/// Where the host keeps and finds its files. Defaults are relative to the repository root (the folder
/// holding Approvals.sln), so <c>dotnet run --project src/Host</c> works from a fresh clone.
/// </summary>
public sealed record HostPaths(string Root, string Data, string Workflows, string Logs)
{
    public static HostPaths From(IConfiguration config, IWebHostEnvironment env)
    {
        var root = FindRoot(env.ContentRootPath) ?? FindRoot(AppContext.BaseDirectory) ?? env.ContentRootPath;
        string Resolve(string? configured, string fallback) => Path.GetFullPath(configured ?? fallback, root);
        return new HostPaths(root,
            Resolve(config["Paths:Data"], "data"),
            Resolve(config["Paths:Workflows"], "workflows"),
            Resolve(config["Paths:Logs"], "logs"));
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        return null;
    }
}
