using System.Diagnostics;
using System.Reflection;
using Approvals.Host.SignIn;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Operations;

/// <summary>
/// <c>backup --to DIR</c>, safe while the platform runs: the SQLite database through its online backup API (a consistent
/// copy including what still sits in the <c>-wal</c> file, which a plain file copy misses), then the attachments and the
/// keys folders, then <c>manifest.json</c>. The database is copied first: an attachment is written to disk before its row is
/// committed, so every attachment the copied database knows is on disk by the time the folder is copied.
/// </summary>
public static class DataBackup
{
    public static BackupManifest Run(OperationsTarget target, string folder, TimeProvider time)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new OperationRefused($"备份目录不是空的：{folder}。请指定一个新的或空的目录。 / The backup folder is not empty: {folder}. Give a new or empty folder.");
        PrivateFiles.Folder(folder);

        string database;
        string? schema = null, signInSchema = null;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (target.Storage.IsPostgres)
        {
            database = "Postgres";
            PgDump(target.Storage.ConnectionString, Path.Combine(folder, BackupManifest.PostgresDump));
        }
        else
        {
            database = "Sqlite";
            var copy = Path.Combine(folder, BackupManifest.DatabaseFile);
            CopySqlite(target.DatabaseFile, copy);
            using var db = SqliteSnapshot.OpenReadOnly(copy);
            counts = SqliteSnapshot.Counts(db);
            schema = SqliteSnapshot.LastMigration(db, SqliteSnapshot.EngineHistory);
            signInSchema = SqliteSnapshot.LastMigration(db, SignInDbContext.MigrationsHistoryTable);
        }
        CopyFolder(target.Attachments, Path.Combine(folder, "attachments"));
        CopyFolder(target.Keys, Path.Combine(folder, "keys"));

        var manifest = new BackupManifest("Approvals", ProductVersion, time.GetUtcNow(), database, schema, signInSchema,
            counts, BackupManifest.Checksums(folder));
        using (var file = new FileStream(Path.Combine(folder, BackupManifest.FileName), PrivateFiles.NewFile()))
        using (var writer = new StreamWriter(file)) writer.Write(manifest.ToJson());
        PrivateFiles.NarrowTree(folder);
        return manifest;
    }

    public static string ProductVersion =>
        typeof(DataBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(DataBackup).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static void CopySqlite(string source, string destination)
    {
        if (!File.Exists(source))
            throw new OperationRefused($"找不到数据库文件：{source}。请检查 Paths:Data 和 Storage:ConnectionString。 / The database file was not found: {source}. Check Paths:Data and Storage:ConnectionString.");
        PrivateFiles.CreateFile(destination);
        // Not read-only: reading a WAL database needs its -shm file, which only a read-write connection may create.
        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
            // One self-contained file: the copy needs no -wal beside it.
            using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            journal.ExecuteNonQuery();
        }
    }

    /// <summary>Copies a folder's files; a file deleted while the copy runs is skipped (it is gone from the platform too).</summary>
    internal static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        PrivateFiles.Folder(to);
        foreach (var dir in Directory.EnumerateDirectories(from))
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
        foreach (var file in Directory.EnumerateFiles(from))
        {
            try
            {
                using var source = File.OpenRead(file);
                using var copy = new FileStream(Path.Combine(to, Path.GetFileName(file)), PrivateFiles.NewFile());
                source.CopyTo(copy);
            }
            catch (FileNotFoundException) { }
        }
    }

    /// <summary>PostgreSQL: <c>pg_dump --format=custom</c> when it is on PATH (restore it with <c>pg_restore</c>).</summary>
    private static void PgDump(string connectionString, string file)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("pg_dump") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--format=custom", "--no-owner", "--file", file, "--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "", "--dbname", cs.Database ?? "" })
            start.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(cs.Password)) start.Environment["PGPASSWORD"] = cs.Password;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new OperationRefused("使用 PostgreSQL 时，备份由 pg_dump 完成，但在 PATH 中找不到 pg_dump。请安装 PostgreSQL 客户端工具后重试。 / With PostgreSQL the backup is made by pg_dump, which is not on PATH. Install the PostgreSQL client tools and try again.");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new OperationRefused($"pg_dump 失败（退出码 {process.ExitCode}）：{error} / pg_dump failed (exit code {process.ExitCode}): {error}");
        }
        PrivateFiles.NarrowFile(file);
    }
}
