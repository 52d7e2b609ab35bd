using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Health;

/// <summary>The host with extra settings and service replacements, for one test of <c>/health</c> or the nightly backup.</summary>
public sealed class HealthHost(IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) : HostFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>Removes a background worker, as if it had stopped.</summary>
    public static void Without<TWorker>(IServiceCollection s)
    {
        foreach (var d in s.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(TWorker)).ToList())
            s.Remove(d);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> HealthAsync()
    {
        using var client = CreateClient();
        var response = await client.GetAsync("/health", Api.Ct);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Api.Ct))!.AsObject());
    }

    public static JsonObject Check(JsonObject health, string name) =>
        health["checks"]!.AsArray().Single(c => (string?)c!["name"] == name)!.AsObject();
}
