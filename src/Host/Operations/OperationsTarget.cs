using Approvals.Host.Startup;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Operations;

/// <summary>
/// What <c>backup</c> and <c>restore</c> work on, resolved exactly as the host resolves it: the folders of
/// <see cref="HostPaths"/> and the <c>Storage</c> settings (the SQLite file defaults to <c>&lt;Paths:Data&gt;/approvals.db</c>).
/// </summary>
public sealed record OperationsTarget(HostPaths Paths, StorageOptions Storage)
{
    public static OperationsTarget From(IConfiguration config, HostPaths paths)
    {
        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(config["Storage:ConnectionString"]) && !storage.IsPostgres)
            storage.ConnectionString = $"Data Source={Path.Combine(paths.Data, "approvals.db")}";
        return new OperationsTarget(paths, storage);
    }

    public string Attachments => Paths.Attachments;

    /// <summary>The data-protection key ring and the embedded sign-in provider's signing and encryption keys.</summary>
    public string Keys => Path.Combine(Paths.Data, "keys");

    /// <summary>The SQLite file (absolute).</summary>
    public string DatabaseFile => Path.GetFullPath(new SqliteConnectionStringBuilder(Storage.ConnectionString).DataSource, Paths.Root);
}
