using Npgsql;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// A statement that gave up waiting for a row lock another transaction holds (PostgreSQL's <c>lock_timeout</c>):
/// not a fault of the caller's and not a lost race, so it is neither retried nor a 500; the caller is told to try
/// again in a moment. SQLite locks the whole database, not a row: that is a storage fault the host reports as
/// <c>database-busy</c>.
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
                    return true;
            }
        return false;
    }

    /// <summary>The answer for the caller.</summary>
    public static ApprovalException Error(Exception cause) =>
        new(ErrorKind.Unavailable, Code, new("该事项正在被其他操作处理，请稍后重试", "this item is being changed by another operation; try again in a moment"),
            cause);
}
