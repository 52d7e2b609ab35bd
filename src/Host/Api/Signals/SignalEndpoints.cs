using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Runtime;

namespace Approvals.Host.Api.Signals;

/// <summary><c>/api/signals</c>: an outside system sends a named stimulus with a correlation key.</summary>
public static class SignalEndpoints
{
    /// <summary>A signal: its name, the correlation key it is for, and any payload.</summary>
    public sealed record SignalRequest(string Name, string? CorrelationKey, JsonNode? Payload);

    public static void MapSignalEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/signals", async (HttpContext http, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            // Read by RequestBody like every JSON body, so bad text is refused the same way everywhere.
            var signal = From(await RequestBody.ReadObjectAsync(http.Request, ct));
            var resumed = await runtime.SignalAsync(signal.Name, signal.CorrelationKey, signal.Payload, ApiSecurity.ActingUser(http), ct);
            return Results.Ok(new { resumed = resumed.Count, instances = resumed });
        })
        // Documents the body, and (as with a bound body) answers another media type with 415.
        .Accepts<SignalRequest>("application/json")
        .WithTags("Signals").WithSummary("Resume every instance waiting for this signal and correlation key (administrators and system clients)").RequireAdmin();

    private static SignalRequest From(JsonObject body) =>
        new(Text(body, "name") ?? "", Text(body, "correlationKey"), body["payload"]?.DeepClone());

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw ApprovalException.Invalid("bad-field", $"字段 {name} 必须是文本", $"{name} must be a string"),
    };
}
