using Approvals.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Tests;

/// <summary>
/// A throw-away folder for one host (or several hosts started one after the other on the same files):
/// the database (a SQLite file, or on a PostgreSQL run the database the file's path names, see
/// <see cref="TestStorage"/>), the log folder and a copy of the repository's <c>workflows/</c> folder that a
/// test may change freely. Disposing deletes it (best effort).
/// </summary>
public sealed class HostFolder : IDisposable
{
    private HostFolder(string root)
    {
        Root = root;
        Workflows = Path.Combine(root, "workflows");
        Logs = Path.Combine(root, "logs");
        Data = Path.Combine(root, "data");
        DatabaseFile = Path.Combine(root, "approvals.db");
    }

    public string Root { get; }
    public string Workflows { get; }
    public string Logs { get; }
    public string Data { get; }
    public string DatabaseFile { get; }
    /// <summary>The <c>Storage:Provider</c> the hosts on this folder use.</summary>
    public string Provider => TestStorage.Provider;
    public string ConnectionString => TestStorage.ConnectionStringFor(DatabaseFile);

    /// <summary>The repository root: the first folder above the test binaries holding Approvals.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The repository's own <c>workflows/</c> folder (read only; tests change the copy).</summary>
    public static string RepositoryWorkflows => Path.Combine(RepositoryRoot, "workflows");

    /// <summary>A new folder under the system temp folder, with a fresh copy of <c>workflows/</c>.</summary>
    public static HostFolder Create()
    {
        var folder = new HostFolder(Path.Combine(Path.GetTempPath(), "approvals-host-tests", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder.Root);
        Directory.CreateDirectory(folder.Logs);
        Directory.CreateDirectory(folder.Data);
        CopyDirectory(RepositoryWorkflows, folder.Workflows);
        return folder;
    }

    /// <summary>The path of a file in the copied workflows folder.</summary>
    public string WorkflowFile(string fileName) => Path.Combine(Workflows, fileName);

    public void Dispose()
    {
        try
        {
            // Pooled connections would keep the database file open.
            if (TestStorage.OnPostgres) TestStorage.Drop(DatabaseFile);
            else using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException) { /* best effort: a file may still be open for a moment */ }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Approvals.sln was not found above {AppContext.BaseDirectory}.");
    }
}
