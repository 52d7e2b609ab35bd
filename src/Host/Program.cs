using Approvals.Host.Api;
using Approvals.Host.Api.Activities;
using Approvals.Host.Api.Assets;
using Approvals.Host.Api.Attachments;
using Approvals.Host.Api.Definitions;
using Approvals.Host.Api.Documents;
using Approvals.Host.Api.Instances;
using Approvals.Host.Api.Leave;
using Approvals.Host.Api.Notifications;
using Approvals.Host.Api.Requests;
using Approvals.Host.Api.Tasks;
using Approvals.Host.Api.Org;
using Approvals.Host.Api.Reports;
using Approvals.Host.Api.Signals;
using Approvals.Host.Components;
using Approvals.Host.Health;
using Approvals.Host.Operations;
using Approvals.Host.SignIn;
using Approvals.Host.Startup;
using Scalar.AspNetCore;

// `backup --to DIR` / `restore --from DIR`: the operations commands, on the host's own configuration, without a web host.
if (OperationsCommand.Handles(args))
{
    Environment.ExitCode = OperationsCommand.Run(args, Console.Out, Console.Error);
    return;
}

// A start that fails (a full disk, a database newer than this binary) is written to the log file too, and ends with exit code 1.
HostPaths? paths = null;
WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(HostStart.Options(args));
    builder.UseBuildOutputStaticAssets();
    paths = HostPaths.From(builder.Configuration, builder.Environment);
    paths.CreatePrivateData();
    // Held while the host runs, so `restore` refuses to replace the files under it.
    var dataLock = DataFolderLock.Share(paths.Data);
    builder.Configuration.AddInMemoryCollection(paths.AsConfiguration());
    builder.Services.AddSingleton(paths);
    builder.AddApprovalsForwardedHeaders();
    builder.AddApprovalsLogging(paths);
    builder.AddApprovalsEngine(paths);
    builder.AddApprovalsApi();
    builder.AddApprovalsUi();
    builder.AddApprovalsSignIn(paths);
    builder.AddNightlyBackup();
    builder.AddApprovalsHealth();

    app = builder.Build();
    if (dataLock is not null) app.Lifetime.ApplicationStopped.Register(dataLock.Dispose);
    // Several hosts on one PostgreSQL: the startup step runs on one at a time, until this host has started (the asset seed
    // and the sign-in client's registration run as it starts).
    var startupLock = await app.Services.GetRequiredService<StartupLock>().AcquireAsync(app.Lifetime.ApplicationStopping);
    app.Lifetime.ApplicationStarted.Register(startupLock.Dispose);
    app.Lifetime.ApplicationStopping.Register(startupLock.Dispose);
    await app.Services.GetRequiredService<StartupTasks>().RunAsync(app.Lifetime.ApplicationStopping);
    await app.PrepareSignInAsync(app.Lifetime.ApplicationStopping);

    app.UseApprovalsForwardedHeaders();
    app.UseApprovalsApi();
    app.UseApprovalsUi();
    app.MapHealth();
    app.MapOpenApi();
    // Its own fonts only: no request to fonts.scalar.com (an intranet host may not reach it; the CSP allows this host only).
    app.MapScalarApiReference("/api/reference", o => o.DisableDefaultFonts());
    app.MapSignIn();

    var api = app.MapGroup("/api").RequireAuthorization(ApiSecurity.Policy).RequireCaller();
    api.MapDefinitionEndpoints();
    api.MapActivityEndpoints();
    api.MapInstanceEndpoints();
    api.MapSignalEndpoints();
    api.MapTaskEndpoints();
    api.MapRequestEndpoints();
    api.MapAttachmentEndpoints();
    api.MapNotificationEndpoints();
    api.MapOrgEndpoints();
    api.MapLeaveEndpoints();
    api.MapAssetEndpoints();
    api.MapReportEndpoints();
    api.MapDocumentEndpoints();

    app.MapApprovalsUi();

    await app.RunAsync();
}
catch (Exception e) when (e is not HostAbortedException and not OperationCanceledException)
{
    if (app is not null) await app.DisposeAsync(); // releases the log file for the report
    if (!StartFailure.Report(e, paths?.Logs)) throw;
    Environment.ExitCode = 1;
}

/// <summary>The host's entry point (public so integration tests can start it).</summary>
public partial class Program;
