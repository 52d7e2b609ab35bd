using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.Activities.Assets;

/// <summary>
/// Loads the demo register when the register is empty, as the host starts (the host has migrated the database
/// and seeded the organisation before hosted services start). <c>Assets:SeedFile</c> names the CSV (relative
/// paths from <c>Paths:Root</c>, which the host sets, else the repository root; empty disables); by default <c>&lt;workflows folder&gt;/assets/demo-assets.csv</c>,
/// the workflows folder being <c>Paths:Workflows</c> or the repository's <c>workflows/</c>. A missing file is skipped
/// silently; an invalid one is logged and the host still starts.
/// </summary>
public sealed class AssetSeedService(AssetRegister register, IOrganization org, IConfiguration config, ILogger<AssetSeedService> log) : IHostedService
{
    public const string DefaultFile = "demo-assets.csv";

    public async Task StartAsync(CancellationToken ct)
    {
        if (SeedFile(config) is not { } file || !File.Exists(file)) return;
        if ((await org.SectionsAsync(ct)).Count == 0)
        {
            log.LogWarning("The asset register was not seeded from {File}: the organisation has no sections yet", file);
            return;
        }
        try
        {
            if (await register.SeedIfEmptyAsync(file, ct) is { } r)
                log.LogInformation("Asset register seeded from {File}: {Added} assets", file, r.Added);
        }
        catch (ApprovalException e)
        {
            var problems = e.Problems.Count > 0 ? e.Problems.Select(p => p.Message.En) : [e.Text.En];
            log.LogError("Asset seed file {File} was not loaded: {Problems}", file, string.Join("; ", problems));
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The seed file the configuration asks for; null when seeding is disabled or no folder is known.</summary>
    public static string? SeedFile(IConfiguration config)
    {
        // The host puts the folder it resolves everything from in Paths:Root; without it, the checkout or the current directory.
        var root = config["Paths:Root"] is { Length: > 0 } hostRoot ? hostRoot : RepositoryRoot();
        var configured = config["Assets:SeedFile"];
        if (configured == "") return null;
        if (configured is not null) return Path.GetFullPath(configured, root ?? Directory.GetCurrentDirectory());
        var workflows = config["Paths:Workflows"] is { Length: > 0 } w ? Path.GetFullPath(w, root ?? Directory.GetCurrentDirectory())
            : root is not null ? Path.Combine(root, "workflows") : null;
        return workflows is null ? null : Path.Combine(workflows, "assets", DefaultFile);
    }

    /// <summary>The folder holding Approvals.sln above the binaries or the current directory.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        return null;
    }
}
