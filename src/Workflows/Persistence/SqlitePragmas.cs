using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Approvals.Workflows.Persistence;

/// <summary>
/// Per-connection SQLite settings: WAL is set once on the file, but synchronous=NORMAL (safe with WAL,
/// no fsync per commit) and the busy timeout must be set on every connection.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public static async Task ApplyAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default) =>
        ApplyAsync(connection, ct);
}
