namespace Approvals.Host.Operations;

/// <summary>
/// <c>&lt;Paths:Data&gt;/host.lock</c>: a running host holds a shared lock on it (several hosts on one folder are still
/// allowed), <c>restore</c> needs it exclusively, so it refuses while any host runs on that data folder. .NET takes these
/// as <c>flock</c> locks on Linux and macOS and as share modes on Windows; the operating system drops them when the
/// process ends, however it ends, so a crashed host leaves no stale lock behind.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "host.lock";
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>The host's shared hold; never fails the host (without locking it runs as it always did).</summary>
    public static DataFolderLock? Share(string dataFolder)
    {
        try
        {
            return new DataFolderLock(Open(dataFolder, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The exclusive hold for <c>restore</c>; null when a host (or another restore) holds the folder.</summary>
    public static DataFolderLock? TryExclusive(string dataFolder)
    {
        try
        {
            return new DataFolderLock(Open(dataFolder, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static FileStream Open(string dataFolder, FileAccess access, FileShare share)
    {
        Workflows.Persistence.PrivateFiles.Folder(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        Workflows.Persistence.PrivateFiles.CreateFile(path);
        return new FileStream(path, FileMode.OpenOrCreate, access, share);
    }

    public void Dispose() => _file.Dispose();
}
