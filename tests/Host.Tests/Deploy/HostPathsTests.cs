using Approvals.Host.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Approvals.Host.Tests.Deploy;

/// <summary>Where the host looks for its settings and files never depends on the folder it is started from.</summary>
public sealed class HostPathsTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "approvals-paths-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_content_root_is_the_apps_folder_unless_one_is_given()
    {
        Assert.Equal(AppContext.BaseDirectory, HostStart.Options([]).ContentRootPath);
        // Given on the command line: left to ASP.NET Core, which uses it.
        Assert.Null(HostStart.Options(["--contentRoot", "/srv/approvals"]).ContentRootPath);
    }

    [Fact]
    public void A_published_app_keeps_everything_next_to_itself_and_resolves_relative_settings_from_there()
    {
        Directory.CreateDirectory(Path.Combine(_app, "workflows"));
        var paths = HostPaths.From(Config(("Paths:Logs", "var/log")), new Environment(_app));

        Assert.Equal(_app, paths.Root);
        Assert.Equal(Path.Combine(_app, "workflows"), paths.Workflows);
        Assert.Equal(Path.Combine(_app, "data"), paths.Data);
        Assert.Equal(Path.Combine(_app, "var", "log"), paths.Logs);
    }

    [Fact]
    public void A_build_in_the_checkout_uses_the_repositorys_folders_as_dotnet_run_always_did()
    {
        var paths = HostPaths.From(Config(), new Environment(Path.Combine(HostFolder.RepositoryRoot, "src", "Host", "bin", "Debug", "net10.0")));

        Assert.Equal(HostFolder.RepositoryRoot, paths.Root);
        Assert.Equal(Path.Combine(HostFolder.RepositoryRoot, "data"), paths.Data);
        Assert.Equal(HostFolder.RepositoryWorkflows, paths.Workflows);
    }

    [Fact]
    public void A_relative_asset_seed_file_is_taken_from_the_hosts_root_not_the_current_directory()
    {
        // The host puts its root into Paths:Root (Program.cs); the asset register's seed reads it.
        var config = Config(("Paths:Root", _app), ("Assets:SeedFile", "seed/register.csv"));
        Assert.Equal(Path.Combine(_app, "seed", "register.csv"), Approvals.Activities.Assets.AssetSeedService.SeedFile(config));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Environment(string contentRoot) : IWebHostEnvironment
    {
        public string ApplicationName { get; set; } = "Approvals.Host";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = contentRoot;
        public string EnvironmentName { get; set; } = "Production";
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
    }

    public void Dispose()
    {
        if (Directory.Exists(_app)) Directory.Delete(_app, recursive: true);
    }
}
