using Approvals.Host.Api;
using Approvals.Host.Api.Activities;
using Approvals.Host.Api.Definitions;
using Approvals.Host.Api.Instances;
using Approvals.Host.Api.Notifications;
using Approvals.Host.Api.Requests;
using Approvals.Host.Api.Tasks;
using Approvals.Host.Api.Org;
using Approvals.Host.Api.Signals;
using Approvals.Host.Health;
using Approvals.Host.Startup;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var paths = HostPaths.From(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(paths);
builder.AddApprovalsLogging(paths);
builder.AddApprovalsEngine(paths);
builder.AddApprovalsApi();

var app = builder.Build();
await app.Services.GetRequiredService<StartupTasks>().RunAsync(app.Lifetime.ApplicationStopping);

app.UseApprovalsApi();
app.MapHealth();
app.MapOpenApi();
app.MapScalarApiReference("/api/reference");

var api = app.MapGroup("/api").RequireAuthorization(ApiSecurity.Policy);
api.MapDefinitionEndpoints();
api.MapActivityEndpoints();
api.MapInstanceEndpoints();
api.MapSignalEndpoints();
api.MapTaskEndpoints();
api.MapRequestEndpoints();
api.MapNotificationEndpoints();
api.MapOrgEndpoints();
Approvals.Host.Api.Documents.DocumentEndpoints.MapDocumentEndpoints(api);

app.Run();

/// <summary>The host's entry point (public so integration tests can start it).</summary>
public partial class Program;
