namespace Approvals.Workflows.Persistence;

/// <summary>Which database to use (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default, one machine) or <c>Postgres</c> (several hosts).</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>For SQLite, e.g. <c>Data Source=data/approvals.db</c>; for PostgreSQL an Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/approvals.db";
    /// <summary>
    /// PostgreSQL: how long a statement waits for a row another transaction holds before it gives up and the
    /// caller is told the case is busy (<c>lock_timeout</c> of every connection). Zero waits without limit.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                              || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
}
