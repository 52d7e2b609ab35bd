using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>Registers what the Assets activities need: the register, and the demo register seeding at host start.</summary>
public static class AssetSetup
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<AssetRegister>();
        // Runs only under a host (the test harness never starts hosted services).
        services.AddHostedService<AssetSeedService>();
    }
}
