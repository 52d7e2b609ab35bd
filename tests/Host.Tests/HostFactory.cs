using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Approvals.Host.Tests;

/// <summary>
/// The real host (Development environment) on its own <see cref="HostFolder"/>: a database, logs and
/// a copy of <c>workflows/</c>. Used as a class fixture it gives each test class its own folder, which
/// it deletes when disposed; constructed on an existing folder it leaves the folder to its owner, so a
/// test can start several hosts one after the other on the same database and workflow files.
/// </summary>
public class HostFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;

    public HostFactory() : this(HostFolder.Create(), ownsFolder: true) { }

    /// <summary>A host on an existing folder, which it leaves in place when disposed.</summary>
    public static HostFactory On(HostFolder folder) => new(folder, ownsFolder: false);

    protected HostFactory(HostFolder folder, bool ownsFolder)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
    }

    public HostFolder Folder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting (host configuration) rather than ConfigureAppConfiguration: Program.cs reads the
        // paths and the storage settings from builder.Configuration before the app is built, and only
        // host settings are visible that early.
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
    }

    /// <summary>
    /// Clients act as the demo office's administrator unless a test names someone else (the
    /// Development-only header; <see cref="Tasks.OfficeHost"/> replaces it per user).
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(ActingUserHeader, "admin");
    }

    public const string ActingUserHeader = "X-Acting-User";

    /// <summary>The configuration the host runs with.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Paths:Data", Folder.Data),
        new("Paths:Workflows", Folder.Workflows),
        new("Paths:Logs", Folder.Logs),
        new("Storage:Provider", Folder.Provider),
        new("Storage:ConnectionString", Folder.ConnectionString),
        // The API needs a signed-in caller; these tests name one with the Development-only header.
        new("Auth:AllowDevHeader", "true"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFolder) Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder) Folder.Dispose();
    }
}
