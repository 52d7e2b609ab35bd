using Approvals.Workflows.Persistence;

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

    /// <summary>
    /// The data-protection key ring (cookies, antiforgery), as the sign-in setup persists it. Created owner-only in
    /// advance: the data-protection library would create it 755.
    /// </summary>
    public string DataProtectionKeys => Path.Combine(Data, "keys", "data-protection");

    /// <summary>True when the log files are kept under the data folder, and so are owner-only like it.</summary>
    public bool LogsUnderData => IsUnder(Logs, Data);

    /// <summary>
    /// Creates the data folder owner-only (700) before anything is written to it (database, attachments, keys),
    /// and narrows whatever an older version left readable inside it to 600 / 700; the key-ring folder and the logs
    /// folder (when it is under the data folder) too. Linux and macOS only; on Windows the folder's ACL applies.
    /// </summary>
    public void CreatePrivateData()
    {
        PrivateFiles.Folder(Data);
        PrivateFiles.NarrowTree(Data);
        PrivateFiles.Folder(DataProtectionKeys);
        if (LogsUnderData) PrivateFiles.Folder(Logs);
    }

    private static bool IsUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        return null;
    }
}
