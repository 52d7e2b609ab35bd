using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// A statement that gave up waiting for a lock another transaction holds (PostgreSQL's <c>lock_timeout</c>,
/// SQLite's busy timeout): not a fault of the caller's and not a lost race, so it is neither retried nor a 500;
/// the caller is told to try again in a moment.
/// </summary>
public static class StorageBusy
{
    public const string Code = "busy";

    /// <summary>True when <paramref name="e"/> or one of its inner exceptions is a lock wait that timed out.</summary>
    public static bool Is(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            switch (inner)
            {
                case PostgresException p when p.SqlState == PostgresErrorCodes.LockNotAvailable:
                case SqliteException s when s.SqliteErrorCode is 5 or 6: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        return false;
    }

    /// <summary>The answer for the caller.</summary>
    public static ApprovalException Error(Exception cause) =>
        new(ErrorKind.Unavailable, Code, new("该事项正在被其他操作处理，请稍后重试", "this item is being changed by another operation; try again in a moment"),
            cause);
}
