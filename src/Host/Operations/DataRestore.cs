using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Operations;

/// <summary>
/// <c>restore --from DIR</c>: proves the backup whole first (every file's SHA-256, no file missing or added, the row
/// counts and the schema of the copied database, a schema this version knows), then takes the data folder's lock
/// exclusively (<see cref="DataFolderLock"/>: refused while a host runs on it), and only then replaces the database, the
/// attachments and the keys. A refusal changes nothing.
/// </summary>
public static class DataRestore
{
    public static BackupManifest Run(OperationsTarget target, string folder)
    {
        folder = Path.GetFullPath(folder);
        var manifest = BackupManifest.Read(folder)
            ?? throw new OperationRefused($"{folder} 中没有可读的 {BackupManifest.FileName}，这不是一个备份目录。 / {folder} has no readable {BackupManifest.FileName}; it is not a backup folder.");
        Verify(manifest, folder);
        if (manifest.Database == "Postgres" || target.Storage.IsPostgres)
            throw new OperationRefused("PostgreSQL 的数据库请用 pg_restore 恢复（见 docs/operations.md）；此命令只恢复 SQLite。未做任何更改。 / Restore a PostgreSQL database with pg_restore (see docs/operations.md); this command restores SQLite only. Nothing was changed.");
        var backupDb = Path.Combine(folder, BackupManifest.DatabaseFile);
        VerifyDatabase(manifest, backupDb);

        using var hold = DataFolderLock.TryExclusive(target.Paths.Data)
            ?? throw new OperationRefused($"平台正在使用数据目录 {target.Paths.Data}。请先停止服务，再恢复。未做任何更改。 / A host is running on the data folder {target.Paths.Data}. Stop it before restoring. Nothing was changed.");

        SqliteConnection.ClearAllPools();
        var live = target.DatabaseFile;
        PrivateFiles.CreateFolder(Path.GetDirectoryName(live)!);
        foreach (var stale in new[] { live, live + "-wal", live + "-shm", live + "-journal" })
            File.Delete(stale);
        using (var source = File.OpenRead(backupDb))
        using (var copy = new FileStream(live, PrivateFiles.NewFile())) source.CopyTo(copy);
        Replace(Path.Combine(folder, "attachments"), target.Attachments);
        Replace(Path.Combine(folder, "keys"), target.Keys);
        PrivateFiles.NarrowTree(target.Paths.Data);
        return manifest;
    }

    private static void Verify(BackupManifest manifest, string folder)
    {
        var actual = BackupManifest.Checksums(folder);
        foreach (var (file, sum) in manifest.Files)
        {
            if (!actual.TryGetValue(file, out var found))
                throw new OperationRefused($"备份缺少文件 {file}。未做任何更改。 / The backup is missing {file}. Nothing was changed.");
            if (!string.Equals(found, sum, StringComparison.OrdinalIgnoreCase))
                throw new OperationRefused($"文件 {file} 的校验和与清单不符，备份已损坏或被修改。未做任何更改。 / The checksum of {file} does not match the manifest: the backup is damaged or was changed. Nothing was changed.");
        }
        var extra = actual.Keys.FirstOrDefault(f => !manifest.Files.ContainsKey(f));
        if (extra is not null)
            throw new OperationRefused($"备份中有清单未列出的文件 {extra}。未做任何更改。 / The backup holds {extra}, which the manifest does not list. Nothing was changed.");
    }

    private static void VerifyDatabase(BackupManifest manifest, string file)
    {
        using (var db = SqliteSnapshot.OpenReadOnly(file))
        {
            var counts = SqliteSnapshot.Counts(db);
            foreach (var (table, count) in manifest.Counts)
            {
                counts.TryGetValue(table, out var found);
                if (found != count)
                    throw new OperationRefused($"表 {table} 有 {found} 行，清单记录为 {count} 行。未做任何更改。 / Table {table} has {found} rows, the manifest says {count}. Nothing was changed.");
            }
            var schema = SqliteSnapshot.LastMigration(db, SqliteSnapshot.EngineHistory);
            if (schema != manifest.Schema)
                throw new OperationRefused($"数据库的结构版本 {schema} 与清单 {manifest.Schema} 不符。未做任何更改。 / The database's schema {schema} does not match the manifest's {manifest.Schema}. Nothing was changed.");
        }
        if (manifest.Schema is not null && !KnownMigrations().Contains(manifest.Schema))
            throw new OperationRefused($"备份的结构版本 {manifest.Schema} 比本程序（{DataBackup.ProductVersion}）新。请用同一版本或更新的版本恢复。未做任何更改。 / The backup's schema {manifest.Schema} is newer than this version ({DataBackup.ProductVersion}) knows. Restore it with the same or a newer version. Nothing was changed.");
    }

    /// <summary>The engine's SQLite migrations this binary carries.</summary>
    public static IReadOnlySet<string> KnownMigrations()
    {
        using var context = new SqliteApprovalsDbContext(new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return context.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }

    private static void Replace(string from, string to)
    {
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        if (Directory.Exists(from)) DataBackup.CopyFolder(from, to);
        else PrivateFiles.Folder(to);
    }
}
