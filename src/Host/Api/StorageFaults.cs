using Approvals.Workflows.Definitions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Host.Api;

/// <summary>
/// A failure of the machine's storage, told as what it is: the disk full, the database busy, read-only or unreachable, the
/// attachment folder unwritable. Each has its own code; all are 503 (a retry may succeed once the cause is gone), and the
/// message tells the person that what they entered is not lost.
/// </summary>
public sealed record StorageFault(string Code, LocalizedText Text)
{
    public int Status => StatusCodes.Status503ServiceUnavailable;

    // errno on Linux/macOS (the IOException's HResult there), Win32 errors as HRESULTs on Windows.
    private const int ENOSPC = 28, EDQUOT = 122, EDQUOT_MAC = 69, EACCES = 13, EROFS = 30;
    private const int WinDiskFull = unchecked((int)0x80070070), WinHandleDiskFull = unchecked((int)0x80070027), WinWriteProtect = unchecked((int)0x80070013);

    public static readonly StorageFault Full = new("storage-full", new(
        "服务器磁盘空间已满，本次操作未能保存（已填写的内容未丢失）。请稍后重试，并通知管理员清理磁盘。",
        "the server's disk is full, so this was not saved (what you entered is kept). Try again later and tell the administrator."));
    public static readonly StorageFault DatabaseBusy = new("database-busy", new(
        "数据库正忙（被其他程序锁定），本次操作未能保存。请稍后重试。",
        "the database is busy (locked by another program), so this was not saved. Try again in a moment."));
    public static readonly StorageFault DatabaseReadOnly = new("database-read-only", new(
        "数据库当前为只读，本次操作未能保存。请通知管理员检查数据文件夹的权限。",
        "the database is read-only at the moment, so this was not saved. Tell the administrator to check the data folder's permissions."));
    public static readonly StorageFault DatabaseUnavailable = new("database-unavailable", new(
        "数据库暂时无法访问，本次操作未能保存。请稍后重试；若持续出现请通知管理员。",
        "the database cannot be reached at the moment, so this was not saved. Try again later; tell the administrator if it persists."));
    public static readonly StorageFault AttachmentsUnwritable = new("attachment-store-unwritable", new(
        "附件无法写入服务器（附件文件夹不可写），本次操作未能保存。请通知管理员。",
        "attachments cannot be written on the server (the attachment folder is not writable), so this was not saved. Tell the administrator."));

    /// <summary>The storage fault behind <paramref name="error"/> (looking through wrappers), or null when it is something else.</summary>
    public static StorageFault? Of(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (Direct(e) is { } fault) return fault;
            if (e is AggregateException { InnerExceptions.Count: > 0 } many)
                foreach (var inner in many.InnerExceptions)
                    if (Of(inner) is { } f) return f;
        }
        return null;
    }

    private static StorageFault? Direct(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode switch
        {
            13 => Full,                        // SQLITE_FULL
            5 or 6 => DatabaseBusy,            // SQLITE_BUSY, SQLITE_LOCKED
            8 => DatabaseReadOnly,             // SQLITE_READONLY
            10 or 14 or 11 or 26 => DatabaseUnavailable, // IOERR, CANTOPEN, CORRUPT, NOTADB
            _ => null,
        },
        PostgresException p => p.SqlState switch
        {
            "53100" => Full,                   // disk_full
            "25006" => DatabaseReadOnly,       // read_only_sql_transaction
            "55P03" or "40P01" => DatabaseBusy, // lock_not_available, deadlock
            _ when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) => DatabaseUnavailable,
            _ => null,
        },
        NpgsqlException => DatabaseUnavailable, // cannot connect, connection lost, timeout
        UnauthorizedAccessException => AttachmentsUnwritable,
        IOException io when io.HResult is ENOSPC or EDQUOT or EDQUOT_MAC or WinDiskFull or WinHandleDiskFull => Full,
        IOException io when io.HResult is EACCES or EROFS or WinWriteProtect => AttachmentsUnwritable,
        _ => null,
    };
}
