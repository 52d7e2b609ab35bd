using Npgsql;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// The PostgreSQL server the several-host tests run on: <c>APPROVALS_TEST_POSTGRES</c>, an Npgsql connection string
/// whose user may create databases (CI starts a cluster and sets it). Each test class gets a database of its own,
/// dropped at the end. Without the variable the tests are skipped, saying so.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "APPROVALS_TEST_POSTGRES";

    public const string SkipReason = $"no PostgreSQL server: set {Variable} to an Npgsql connection string whose user may CREATE DATABASE";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool Configured => ConnectionString is not null;

    /// <summary>Creates an empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(Admin()))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The server's own database when the variable names none (CREATE DATABASE needs some connection).</summary>
    private static string Admin()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        return builder.ConnectionString;
    }
}
