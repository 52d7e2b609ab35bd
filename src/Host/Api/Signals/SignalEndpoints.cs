using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Host.Api.Signals;

/// <summary><c>/api/signals</c>: an outside system sends a named stimulus with a correlation key.</summary>
public static class SignalEndpoints
{
    /// <summary>A signal: its name, the correlation key it is for, and any payload.</summary>
    public sealed record SignalRequest(string Name, string? CorrelationKey, JsonNode? Payload);

    public static void MapSignalEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/signals", async (SignalRequest signal, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var resumed = await runtime.SignalAsync(signal.Name, signal.CorrelationKey, signal.Payload, ApiSecurity.ActingUser(http), ct);
            return Results.Ok(new { resumed = resumed.Count, instances = resumed });
        }).WithTags("Signals").WithSummary("Resume every instance waiting for this signal and correlation key (administrators and system clients)").RequireAdmin();
}
