using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>The provider's keys and the cookie keys are kept in the data folder: a restarted host honours what it issued.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Sessions_and_tokens_survive_a_restart_on_the_same_data()
    {
        using var folder = HostFolder.Create();
        var port = SignInHost.FreePort();
        using var browser = new Browser();
        string access;
        await using (var first = new SignInHost(port: port, settings: CliClientSettings(), folder: folder).Start())
        {
            await browser.SignInAsync(first.Origin, Staff);
            access = (string)(await browser.CodeFlowTokensAsync(first.Origin, Staff))["access_token"]!;
        }

        var keys = Path.Combine(folder.Data, "keys");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signing-key.pem")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "encryption-key.txt")));
        }

        await using var second = new SignInHost(port: port, settings: CliClientSettings(), folder: folder).Start();
        var counts = await browser.GetAsync(second.Url("/api/tasks/counts"));
        Assert.Equal(HttpStatusCode.OK, counts.Status);
        await (await GetWithBearerAsync(second.Url("/api/tasks/counts"), access)).JsonAsync();
    }
}
