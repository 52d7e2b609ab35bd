using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Approvals.Bench;

/// <summary>
/// The SQLite ceiling: small transactions (one INSERT of a ~200-byte row each) on a file in WAL mode
/// with synchronous=NORMAL, for 2 s or 20,000 commits. With several writers each has its own
/// connection and waits for the write lock through busy_timeout, as the engine's contexts do.
/// </summary>
internal static class SqliteCommitBench
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private const int MaxCommits = 20_000;
    private static readonly string Payload = new('x', 200);

    public static async Task<RunResult> RunAsync(int writers, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("approvals-bench-sqlite-");
        try
        {
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir.FullName, "commits.db"), Pooling = false }.ToString();
            await using (var setup = new SqliteConnection(cs))
            {
                await setup.OpenAsync(ct);
                Exec(setup, "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL);");
            }
            var commits = 0;
            var clock = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            {
                using var connection = new SqliteConnection(cs);
                connection.Open();
                Exec(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO rows (at, payload) VALUES ($at, $payload);";
                var at = insert.Parameters.Add("$at", SqliteType.Text);
                insert.Parameters.AddWithValue("$payload", Payload);
                while (clock.Elapsed < Duration && Volatile.Read(ref commits) < MaxCommits && !ct.IsCancellationRequested)
                {
                    using var tx = connection.BeginTransaction(); // BEGIN IMMEDIATE
                    insert.Transaction = tx;
                    at.Value = DateTime.UtcNow.ToString("O");
                    insert.ExecuteNonQuery();
                    tx.Commit();
                    Interlocked.Increment(ref commits);
                }
            }, ct)).ToArray();
            await Task.WhenAll(tasks);
            clock.Stop();
            var seconds = clock.Elapsed.TotalSeconds;
            return new RunResult(commits / seconds, seconds, $"{commits} commits by {writers} writer(s) in {Stats.Fixed(seconds, 2)} s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
