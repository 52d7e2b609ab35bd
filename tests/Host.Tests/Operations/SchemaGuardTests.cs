using System.Diagnostics;
using Approvals.Host.Startup;
using Approvals.Host.Tests.Deploy;
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Tests.Operations;

/// <summary>
/// A binary never runs on a schema newer than itself: a database carrying a migration this build does not know is refused at
/// start, with the message on the console and in the log file and exit code 1; the explicit override lets it start.
/// </summary>
public sealed class SchemaGuardTests : IDisposable
{
    private const string Future = "99991231000000_FromANewerVersion";
    private readonly HostFolder _folder = HostFolder.Create();

    [Fact]
    public async Task A_database_with_a_migration_the_binary_does_not_know_is_refused_with_the_message_in_the_log_and_exit_code_1()
    {
        await MigrateThenAddFutureMigrationAsync();

        var (exit, output) = await RunHostProcessAsync();

        Assert.Equal(1, exit);
        Assert.Contains("数据库来自更新的版本", output);
        Assert.Contains(Future, output);
        var log = LogText();
        Assert.Contains("The host could not start", log);
        Assert.Contains(Future, log);
        Assert.Contains("Storage:AllowNewerSchema=true", log);
    }

    [Fact]
    public async Task In_process_the_refusal_is_the_schema_exception_and_the_override_lets_the_host_start()
    {
        await MigrateThenAddFutureMigrationAsync();

        await using (var refused = HostFactory.On(_folder))
        {
            var e = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
            var schema = Assert.IsType<SchemaRefusedException>(Unwrap(e));
            Assert.Equal([Future], schema.Unknown);
        }
        Assert.Contains(Future, LogText());

        await using var allowed = new OverrideHost(_folder);
        using var http = allowed.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health", Api.Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_migration_applied_at_start_is_logged_by_name()
    {
        await using (var host = HostFactory.On(_folder)) host.CreateClient().Dispose();
        var log = LogText();
        Assert.Contains("Migration applied", log);
        Assert.Contains("TimerAttempts", log);
    }

    private async Task MigrateThenAddFutureMigrationAsync()
    {
        await using (var host = HostFactory.On(_folder)) host.CreateClient().Dispose();
        await using var db = new SqliteConnection(_folder.ConnectionString + ";Pooling=False");
        await db.OpenAsync(Api.Ct);
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ($id, '99.0.0')";
        insert.Parameters.AddWithValue("$id", Future);
        await insert.ExecuteNonQueryAsync(Api.Ct);
    }

    /// <summary>The build's own host dll (beside the test binaries) run as an operator runs it, until it exits.</summary>
    private async Task<(int Exit, string Output)> RunHostProcessAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder.Root };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Approvals.Host.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{SignIn.SignInHost.FreePort()}");
        HostProcess.Clean(info.Environment);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in HostFactory.On(_folder).Settings()) info.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Api.Ct);
        var stderr = process.StandardError.ReadToEndAsync(Api.Ct);
        await process.WaitForExitAsync(Api.Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    private string LogText() =>
        string.Join("\n", Directory.GetFiles(_folder.Logs, "*.json").Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(s).ReadToEnd();
        }));

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e.InnerException is SchemaRefusedException s ? s : e;

    private sealed class OverrideHost(HostFolder folder) : HostFactory(folder, ownsFolder: false)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:AllowNewerSchema", "true");
        }
    }

    public void Dispose() => _folder.Dispose();
}
