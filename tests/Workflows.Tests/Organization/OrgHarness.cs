using Approvals.Workflows.Organization;
using Approvals.Workflows.Tests.Engine;

namespace Approvals.Workflows.Tests.Organization;

/// <summary>The engine harness (real SQLite file, fake clock) with the organisation service and an importer.</summary>
public sealed class OrgHarness : IAsyncDisposable
{
    private OrgHarness(EngineHarness engine)
    {
        Engine = engine;
        Org = engine.Get<OrganizationService>();
        Importer = new OrgImporter(engine.Db, Org);
    }

    public EngineHarness Engine { get; }
    public OrganizationService Org { get; }
    public OrgImporter Importer { get; }
    public DateTimeOffset Now => Engine.Clock.GetUtcNow();

    /// <summary>The repository's demo office file.</summary>
    public static string DemoFile { get; } = Path.Combine(FindRoot(), "workflows", "org", "demo-office.json");

    /// <summary>An empty organisation.</summary>
    public static async Task<OrgHarness> EmptyAsync() => new(await EngineHarness.CreateAsync());

    /// <summary>The demo office, seeded the way the host does it.</summary>
    public static async Task<OrgHarness> DemoAsync()
    {
        var h = await EmptyAsync();
        Assert.NotNull(await h.Importer.SeedIfEmptyAsync(DemoFile, TestContext.Current.CancellationToken));
        return h;
    }

    /// <summary>Imports users from the JSON format, sections taken as stored.</summary>
    public Task<OrgImportResult> ImportUsersAsync(params OrgUserData[] users) =>
        Importer.ImportAsync(new OrgData { Users = [.. users] }, TestContext.Current.CancellationToken);

    /// <summary>A user's data as stored now, ready to be changed and imported again.</summary>
    public async Task<OrgUserData> UserDataAsync(string id)
    {
        var u = await Org.FindUserAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"no user {id}");
        return new OrgUserData
        {
            Id = u.Id, Name = u.Name, Section = u.SectionId, Position = u.Position.ToString(), Title = u.Title,
            Email = u.Email, Mobile = u.Mobile, IsAdmin = u.IsAdmin, Active = u.Active,
        };
    }

    /// <summary>Marks a user inactive through an import.</summary>
    public async Task DeactivateAsync(string id)
    {
        var u = await UserDataAsync(id);
        u.Active = false;
        await ImportUsersAsync(u);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return dir.FullName;
        throw new InvalidOperationException("Approvals.sln not found above the test output folder");
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
