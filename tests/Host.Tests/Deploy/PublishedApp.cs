using System.Diagnostics;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// The host published as an operator does it (<c>dotnet publish src/Host -c Release -o …</c>) into a temporary folder,
/// once per test class, and started from there in Production: from another working directory, with a data folder
/// and a log folder of its own (<c>Paths:Data</c>, <c>Paths:Logs</c>) and nothing else configured.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "approvals-deploy-tests", Guid.NewGuid().ToString("N"));
    public string App => Path.Combine(Root, "app");
    public string Data => Path.Combine(Root, "data");
    public string Logs => Path.Combine(Root, "logs");

    /// <summary>An empty folder the hosts are started from (not the app's folder, not the repository).</summary>
    public string Elsewhere => Path.Combine(Root, "elsewhere");

    public HostProcess Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Elsewhere);
        await PublishAsync(TestContext.Current.CancellationToken);
        Host = await StartAsync(Data);
    }

    /// <summary>Starts the published executable in Production on <paramref name="data"/> (another host on the same data when it is <see cref="Data"/>).</summary>
    public Task<HostProcess> StartAsync(string data) =>
        HostProcess.StartAsync(Path.Combine(App, "Approvals.Host"), [], Elsewhere, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Paths__Data"] = data,
            ["Paths__Logs"] = Logs,
        }, TestContext.Current.CancellationToken);

    private async Task PublishAsync(CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "publish", Path.Combine(HostFolder.RepositoryRoot, "src", "Host", "Approvals.Host.csproj"), "-c", "Release",
                     "-o", App, "-nologo", "-v", "q", "--disable-build-servers" })
            info.ArgumentList.Add(a);
        HostProcess.Clean(info.Environment);
        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync(ct);
        var stderr = publish.StandardError.ReadToEndAsync(ct);
        await publish.WaitForExitAsync(ct);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
