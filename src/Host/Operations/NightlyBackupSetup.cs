namespace Approvals.Host.Operations;

public static class NightlyBackupSetup
{
    /// <summary>The <c>Backup</c> section; the nightly backup is on in Production unless <c>Backup:Nightly</c> says otherwise.</summary>
    public static void AddNightlyBackup(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Backup").Get<NightlyBackupOptions>() ?? new NightlyBackupOptions();
        options.Nightly ??= builder.Environment.IsProduction();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<NightlyBackup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NightlyBackup>());
    }
}
