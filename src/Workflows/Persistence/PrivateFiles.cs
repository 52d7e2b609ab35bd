namespace Approvals.Workflows.Persistence;

/// <summary>
/// Owner-only modes for what the platform keeps on disk (the SQLite database, attachments, keys, logs under the
/// data folder): files 600, folders 700, so other accounts on the machine can read none of it. Windows has no
/// Unix modes; there the folder's ACL applies and nothing here changes anything.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and any missing parent) owner-only; narrows it when it exists. For folders the platform owns.</summary>
    public static void Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerFolder);
        Narrow(path, OwnerFolder);
    }

    /// <summary>
    /// Creates a missing folder owner-only but leaves an existing one as it is: for a folder someone configured
    /// (the database's), which may be shared with other things.
    /// </summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else if (!Directory.Exists(path)) Directory.CreateDirectory(path, OwnerFolder);
    }

    /// <summary>Creates an empty owner-only file when it is missing (another process creating it first is fine); narrows it when it exists.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using (new FileStream(path, NewFile())) { }
        }
        catch (IOException) when (File.Exists(path))
        {
            Narrow(path, OwnerFile);
        }
    }

    /// <summary>Options for a new file that is owner-only from its first byte (no window in which others could open it).</summary>
    public static FileStreamOptions NewFile(int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var o = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows()) o.UnixCreateMode = OwnerFile;
        return o;
    }

    /// <summary>Narrows the file to owner-only when it exists.</summary>
    public static void NarrowFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path)) Narrow(path, OwnerFile);
    }

    /// <summary>Narrows every folder and file under <paramref name="root"/> (what an older version left readable).</summary>
    public static void NarrowTree(string root)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(root)) return;
        var all = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var dir in Directory.EnumerateDirectories(root, "*", all)) Narrow(dir, OwnerFolder);
        foreach (var file in Directory.EnumerateFiles(root, "*", all)) Narrow(file, OwnerFile);
    }

    private static void Narrow(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            // Only ever takes rights away (group and others), never adds to what the owner had.
            var current = File.GetUnixFileMode(path);
            var narrowed = current & mode;
            if (narrowed != current) File.SetUnixFileMode(path, narrowed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to change (or gone meanwhile): opening it will tell if it matters.
        }
    }
}
