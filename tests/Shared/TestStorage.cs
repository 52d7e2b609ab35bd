using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Approvals.Workflows.Persistence;
using Npgsql;

namespace Approvals.Tests.Shared;

/// <summary>
/// The database the tests run on. By default each test's database is a SQLite file. With
/// <c>APPROVALS_TEST_PROVIDER=Postgres</c> and <c>APPROVALS_TEST_POSTGRES</c> (an Npgsql connection string for a
/// user allowed to create databases; <c>.ci/run</c> sets both for its PostgreSQL run) the same tests run on
/// PostgreSQL instead: the file path a test picks names a database of its own there, created empty on first
/// use and dropped when its owner is done (or when the test process ends).
/// </summary>
public static class TestStorage
{
    public const string ProviderVariable = "APPROVALS_TEST_PROVIDER";
    public const string ServerVariable = "APPROVALS_TEST_POSTGRES";

    private static readonly ConcurrentDictionary<string, byte> Created = new();

    static TestStorage()
    {
        if (OnPostgres) AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();
    }

    /// <summary>True when this test run is on PostgreSQL.</summary>
    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>Storage:Provider</c> value of this run.</summary>
    public static string Provider => OnPostgres ? "Postgres" : "Sqlite";

    /// <summary>The server's connection string (PostgreSQL runs only).</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s
        : throw new InvalidOperationException($"{ProviderVariable}=Postgres needs {ServerVariable}, e.g. Host=127.0.0.1;Port=5432;Username=…;Password=…");

    /// <summary>
    /// The connection string of the database that <paramref name="sqliteFile"/> names: the file itself, or on
    /// PostgreSQL a database derived from the path, created (empty) if it does not exist yet.
    /// </summary>
    public static string ConnectionStringFor(string sqliteFile)
    {
        if (!OnPostgres) return $"Data Source={sqliteFile}";
        var name = DatabaseName(sqliteFile);
        if (Created.TryAdd(name, 0)) Create(name);
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>The storage options of the database that <paramref name="sqliteFile"/> names.</summary>
    public static StorageOptions For(string sqliteFile) => new() { Provider = Provider, ConnectionString = ConnectionStringFor(sqliteFile) };

    /// <summary>Drops the PostgreSQL database that <paramref name="sqliteFile"/> names (nothing for SQLite).</summary>
    public static void Drop(string sqliteFile)
    {
        if (!OnPostgres) return;
        var name = DatabaseName(sqliteFile);
        if (Created.TryRemove(name, out _)) DropDatabase(name);
    }

    /// <summary>A database name PostgreSQL accepts, the same for the same path.</summary>
    private static string DatabaseName(string sqliteFile) =>
        "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(sqliteFile))))[..24];

    private static void Create(string name)
    {
        using var connection = Admin();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", name);
        if (exists.ExecuteScalar() is not null) return;
        try
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
    }

    private static void DropDatabase(string name)
    {
        try
        {
            using var connection = Admin();
            // FORCE: the hosts' pooled connections may still be open.
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException) { /* best effort: CI deletes the whole cluster anyway */ }
    }

    private static void DropAll()
    {
        foreach (var name in Created.Keys) DropDatabase(name);
        Created.Clear();
    }

    /// <summary>A connection to the server's maintenance database, outside any pool.</summary>
    private static NpgsqlConnection Admin()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
