using Approvals.Activities;
using Approvals.Workflows;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;

namespace Approvals.Host.Startup;

/// <summary>
/// Wires the engine to configuration: <c>Storage</c>, <c>Engine</c>, <c>Notifications</c>, <c>Attachments</c> (files under
/// <c>Paths:Attachments</c>, default <c>&lt;Paths:Data&gt;/attachments</c>) and the calendar under the workflows folder.
/// </summary>
public static class EngineSetup
{
    public static void AddApprovalsEngine(this WebApplicationBuilder builder, HostPaths paths)
    {
        var storage = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(builder.Configuration["Storage:ConnectionString"]) && !storage.IsPostgres)
            storage.ConnectionString = $"Data Source={Path.Combine(paths.Data, "approvals.db")}";
        var engine = builder.Configuration.GetSection("Engine").Get<WorkflowEngineOptions>() ?? new WorkflowEngineOptions();
        builder.Services.AddWorkflowEngine(storage, engine, typeof(Approvals.Activities.ActivitiesAssembly).Assembly);
        builder.Services.AddOfficeActivities();
        builder.Services.AddSingleton<IBusinessCalendar>(sp =>
        {
            var hours = builder.Configuration.GetSection("Calendar:WorkingHours").Get<WorkingHours>();
            var folder = Path.Combine(paths.Workflows, "calendar");
            if (Directory.Exists(folder)) return BusinessCalendar.FromDirectory(folder, hours);
            // Without holiday data every year falls back to Monday–Friday; the calendar's status says so.
            sp.GetRequiredService<ILogger<BusinessCalendar>>().LogWarning("No calendar data in {Folder}; Monday–Friday is used", folder);
            return new BusinessCalendar([], hours);
        });
        builder.Services.AddNotificationDelivery(builder.Configuration.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions());
        var attachments = builder.Configuration.GetSection("Attachments").Get<AttachmentOptions>() ?? new AttachmentOptions();
        builder.Services.AddSingleton<AttachmentFiles>();
        builder.Services.AddSingleton(sp => new AttachmentStore(sp.GetRequiredService<ApprovalsDb>(), sp.GetRequiredService<CaseAccess>(),
            paths.Attachments, attachments, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AttachmentFiles>()));
        builder.Services.AddSingleton<StartupTasks>();
        builder.Services.AddSingleton<StartupLock>();
    }
}
