using Microsoft.Data.Sqlite;

namespace Approvals.Host.Operations;

/// <summary>Reads of a SQLite file for the manifest: row counts of every table and the last applied migrations.</summary>
public static class SqliteSnapshot
{
    public const string EngineHistory = "__EFMigrationsHistory";

    public static SqliteConnection OpenReadOnly(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static SortedDictionary<string, long> Counts(SqliteConnection db)
    {
        var tables = new List<string>();
        using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = db.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }
        return counts;
    }

    /// <summary>The last migration in <paramref name="historyTable"/>, null when the table is missing or empty.</summary>
    public static string? LastMigration(SqliteConnection db, string historyTable)
    {
        using var exists = db.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", historyTable);
        if ((long)exists.ExecuteScalar()! == 0) return null;
        using var last = db.CreateCommand();
        last.CommandText = $"SELECT MigrationId FROM \"{historyTable}\" ORDER BY MigrationId DESC LIMIT 1";
        return last.ExecuteScalar() as string;
    }
}
