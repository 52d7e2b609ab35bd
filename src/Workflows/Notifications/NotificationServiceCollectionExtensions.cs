using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Workflows.Notifications;

/// <summary>Registers delivery of notifications by e-mail and WeCom.</summary>
public static class NotificationServiceCollectionExtensions
{
    // One client for the process: WeCom is a single host, and recycling connections every few minutes
    // keeps DNS changes visible without IHttpClientFactory.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Adds the channels (<see cref="EmailChannel"/>, <see cref="WeComChannel"/>, both as
    /// <see cref="INotificationChannel"/>), the <see cref="NotificationDispatcher"/> and the
    /// <see cref="NotificationWorker"/> hosted service. Needs the engine (<c>AddWorkflowEngine</c>) and an
    /// <see cref="Organization.IOrganization"/>. Channels that are not configured stay off; with none on,
    /// notifications are only marked delivered (they are still shown in the app).
    /// </summary>
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, NotificationOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Email);
        services.AddSingleton(options.WeCom);
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddSingleton(_ => new WeComChannel(options.WeCom, Http));
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<WeComChannel>());
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService<NotificationWorker>();
        return services;
    }
}
