using Approvals.Host.SignIn;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Startup;

/// <summary>
/// What runs before the host takes requests (on PostgreSQL under the <see cref="StartupLock"/>): schema migration (the
/// engine's and the sign-in tables), seeding the organisation when it is empty
/// (<c>Org:SeedFile</c>, default <c>workflows/org/demo-office.json</c>; empty disables), then loading <c>workflows/*.json</c>.
/// Outside Development it warns at every start while demo passwords are on: an operator must not miss them.
/// </summary>
public sealed class StartupTasks(ApprovalsDb db, WorkflowFileLoader loader, OrgImporter org, IConfiguration config, HostPaths paths,
    AuthSettings auth, IWebHostEnvironment env, ILogger<StartupTasks> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        log.LogInformation("Folders: workflows {Workflows}, data {Data}, logs {Logs}", paths.Workflows, paths.Data, paths.Logs);
        if (!env.IsDevelopment() && auth.IsEmbedded && !string.IsNullOrEmpty(auth.DemoPassword))
            log.LogWarning("Demo passwords are on in {Environment}: every user without a password can sign in with the demo password " +
                           "(Auth:DemoPassword). Set Auth:DemoPassword to an empty value for a real deployment (docs/deploy.md)", env.EnvironmentName);
        await SchemaGuard.MigrateAsync(db, config, log, ct);
        // The sign-in tables: the embedded provider's, and the keys that hosts on one PostgreSQL database share.
        if (auth.IsEmbedded || db.Options.IsPostgres)
            await using (var signIn = SignInDbContext.Create(db.Options)) await signIn.Database.MigrateAsync(ct);
        log.LogInformation("Database ready ({Provider})", db.Options.Provider);
        await SeedOrganisationAsync(ct);
        await loader.LoadDirectoryAsync(paths.Workflows, ct);
    }

    private async Task SeedOrganisationAsync(CancellationToken ct)
    {
        var configured = config["Org:SeedFile"];
        if (configured == "") return;
        var file = Path.GetFullPath(configured ?? Path.Combine(paths.Workflows, "org", "demo-office.json"), paths.Root);
        if (!File.Exists(file)) return;
        try
        {
            if (await org.SeedIfEmptyAsync(file, ct) is { } r)
                log.Log(env.IsDevelopment() ? LogLevel.Information : LogLevel.Warning,
                    "Organisation seeded from {File}: {Sections} sections, {Users} users, {Groups} groups",
                    file, r.Sections.Added, r.Users.Added, r.Groups.Added);
        }
        catch (ApprovalException e)
        {
            // Like an invalid workflow file: logged with its problems, the host still starts.
            var problems = e.Problems.Count > 0 ? e.Problems.Select(p => p.Message.En) : [e.Text.En];
            log.LogError("Organisation seed file {File} was not loaded: {Problems}", file, string.Join("; ", problems));
        }
    }
}
