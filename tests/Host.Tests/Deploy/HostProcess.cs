using System.Diagnostics;
using System.Text;

namespace Approvals.Host.Tests.Deploy;

/// <summary>
/// The host as an operator runs it: a separate process (the published executable, or <c>dotnet</c> with the build's
/// dll) started from a folder of its own, with only the environment it is given (nothing inherited that would set
/// its environment, paths, storage or sign-in). Its console output is kept for the assertions.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, string origin)
    {
        _process = process;
        Origin = origin;
    }

    public string Origin { get; }

    /// <summary>The process id (what the host's timer leases carry, <c>machine:pid:…</c>).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts <paramref name="fileName"/> in <paramref name="workingDirectory"/> on a free loopback port and waits for <c>/health</c>.</summary>
    public static async Task<HostProcess> StartAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string> environment, CancellationToken ct)
    {
        var origin = $"http://127.0.0.1:{SignIn.SignInHost.FreePort()}";
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(origin);
        Clean(info.Environment);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process, origin);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitHealthyAsync(ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Settings the test process may carry (from a developer's shell or CI) that would change what the host does.</summary>
    public static void Clean(IDictionary<string, string?> environment)
    {
        string[] prefixes = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "DOTNET_CONTENTROOT", "Paths__", "Storage__", "Auth__", "Org__", "Assets__",
            "ForwardedHeaders__", "MSBuild", "MSBUILD"];
        foreach (var key in environment.Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            environment.Remove(key);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Polls <c>/health</c> until it answers 200 (startup migrates and seeds), failing with the output if the process ends.</summary>
    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 360; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(Origin + "/health", ct)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(500, ct);
        }
        throw new InvalidOperationException($"the host did not become healthy at {Origin}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { /* never started or already gone */ }
        _process.Dispose();
    }
}
