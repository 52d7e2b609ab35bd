using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>Registers what the Assets activities need.</summary>
public static class AssetSetup
{
    public static void Add(IServiceCollection services)
    {
    }
}
