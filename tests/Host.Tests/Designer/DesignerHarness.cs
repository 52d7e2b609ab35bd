using Approvals.Host.Components;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;

namespace Approvals.Host.Tests.Designer;

/// <summary>
/// The engine on a throw-away SQLite file with the demo office, shared by the designer's component
/// tests; each test gets its own bUnit context on top of it (MudBlazor, an interactive renderer, the
/// diagram's JavaScript calls answered, and the demo office's administrator signed in).
/// </summary>
public sealed class DesignerHarness : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "approvals-designer-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public IServiceProvider Services => _services!;
    public ActivityRegistry Registry => Services.GetRequiredService<ActivityRegistry>();
    public IWorkflowDefinitions Definitions => Services.GetRequiredService<IWorkflowDefinitions>();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflowEngine(new StorageOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_folder, "approvals.db")}" },
            null, typeof(Approvals.Activities.ActivitiesAssembly).Assembly, typeof(EveryEditorActivity).Assembly);
        _services = services.BuildServiceProvider();
        await Services.GetRequiredService<ApprovalsDb>().MigrateAsync();
        await Services.GetRequiredService<OrgImporter>().SeedIfEmptyAsync(Path.Combine(HostFolder.RepositoryWorkflows, "org", "demo-office.json"));
    }

    /// <summary>A bUnit context wired to the engine, as the administrator (or <paramref name="user"/>).</summary>
    public BunitContext NewContext(string user = "admin")
    {
        // The components wait on real SQLite calls; on a busy 2-core machine the default second is too short.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        // Built here from the engine's organisation: the fallback provider is not used for dependencies.
        var org = Services.GetRequiredService<IOrganization>();
        ctx.Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(), org));
        ctx.Services.AddScoped(_ => new UserNames(org));
        ctx.Services.AddScoped(_ => OrgAdministration());
        ctx.Services.AddFallbackServiceProvider(Services);
        ctx.AddAuthorization().SetAuthorized(user).SetClaims(new System.Security.Claims.Claim(Approvals.Host.Api.ApiSecurity.UserIdClaim, user));
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1200, 800));
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BunitContext, object> WithProviders = new();

    /// <summary>Renders a component with MudBlazor's popover provider beside it (selects need it).</summary>
    /// <summary>Where the context's dialogs are shown (inline MudDialogs render here, not in the page); call after <see cref="RenderWithMud"/>.</summary>
    public static IRenderedComponent<MudDialogProvider> Dialogs(BunitContext ctx) => (IRenderedComponent<MudDialogProvider>)WithProviders.GetValue(ctx, _ => throw new InvalidOperationException("render a page first"));

    public static IRenderedComponent<T> RenderWithMud<T>(BunitContext ctx, Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        if (!WithProviders.TryGetValue(ctx, out _))
        {
            ctx.Render<MudPopoverProvider>();
            ctx.Render<MudSnackbarProvider>();
            WithProviders.Add(ctx, ctx.Render<MudDialogProvider>());
        }
        return parameters is null ? ctx.Render<T>() : ctx.Render<T>(parameters);
    }

    /// <summary>The organisation page's service on the engine (the host registers it in UiSetup); with <paramref name="auth"/> and <paramref name="scopes"/> for password resets.</summary>
    public Approvals.Host.Components.Pages.Admin.Org.OrgAdministration OrgAdministration(Approvals.Host.SignIn.AuthSettings? auth = null, IServiceScopeFactory? scopes = null) =>
        new(Services.GetRequiredService<ApprovalsDb>(), Services.GetRequiredService<OrgImporter>(), Services.GetRequiredService<OrganizationService>(),
            Services.GetRequiredService<Approvals.Workflows.Tasks.ITaskInbox>(), scopes ?? Services.GetRequiredService<IServiceScopeFactory>(), auth);

    /// <summary>A fresh working copy of a definition.</summary>
    public Approvals.Host.Components.Designer.DesignerState State(WorkflowDefinition d, bool readOnly = false) =>
        new(d, Registry, Definitions.Validate, readOnly);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerHarness>
{
    public const string Name = "designer";
}
