using Approvals.Workflows.Persistence;

namespace Approvals.Host.Startup;

/// <summary>
/// Where the host keeps and finds its files: <c>Paths:Workflows</c> (flows, <c>calendar/</c>, <c>org/</c>, <c>assets/</c>),
/// <c>Paths:Data</c> (the SQLite file, keys), <c>Paths:Attachments</c> (default <c>&lt;Paths:Data&gt;/attachments</c>; several hosts
/// point it at one shared folder) and <c>Paths:Logs</c>. Defaults and relative settings are taken
/// from <see cref="Root"/>, never from the current directory:
/// <list type="bullet">
/// <item>a published build (it carries <c>workflows/</c> next to the executable): the app's folder, so it is self-contained
/// wherever it is copied;</item>
/// <item>a build inside a checkout (<c>dotnet run --project src/Host</c>, the tests): the repository root, the folder
/// holding Approvals.sln, so a fresh clone runs with <c>data/</c>, <c>logs/</c> and <c>workflows/</c> at the top.</item>
/// </list>
/// </summary>
public sealed record HostPaths(string Root, string Data, string Workflows, string Logs, string Attachments)
{
    public static HostPaths From(IConfiguration config, IWebHostEnvironment env)
    {
        var root = AppRoot(env.ContentRootPath);
        string Resolve(string? configured, string fallback) =>
            Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? fallback : configured, root);
        var data = Resolve(config["Paths:Data"], "data");
        return new HostPaths(root, data,
            Resolve(config["Paths:Workflows"], "workflows"),
            Resolve(config["Paths:Logs"], "logs"),
            Resolve(config["Paths:Attachments"], Path.Combine(data, "attachments")));
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

    /// <summary>
    /// The resolved folders as configuration (absolute paths), for the parts of the platform that read <c>Paths:*</c>
    /// themselves (the asset register's seed) and so must agree with the host.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> AsConfiguration() =>
    [
        new("Paths:Root", Root), new("Paths:Data", Data), new("Paths:Workflows", Workflows), new("Paths:Logs", Logs),
        new("Paths:Attachments", Attachments),
    ];

    private static string AppRoot(string contentRoot)
    {
        foreach (var app in new[] { contentRoot, AppContext.BaseDirectory })
            if (Directory.Exists(Path.Combine(app, "workflows"))) return Path.GetFullPath(app);
        return FindCheckout(contentRoot) ?? FindCheckout(AppContext.BaseDirectory) ?? Path.GetFullPath(contentRoot);
    }

    private static string? FindCheckout(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        return null;
    }
}
