using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;

namespace Approvals.Activities.Common;

/// <summary>
/// The case owner's request to hand the case to someone else, kept on the instance
/// (<c>Properties["caseHandOver"]</c>) until the owner's chief decides it at a <see cref="CaseHandOver"/> step.
/// </summary>
/// <param name="From">The owner asking.</param>
/// <param name="To">The person who would become the owner.</param>
/// <param name="Reason">The owner's reason (required).</param>
/// <param name="RequestedAt">When it was asked (UTC).</param>
/// <param name="ActivityId">The owner's step the request came from.</param>
public sealed record HandOverRequest(string From, string To, string Reason, DateTime RequestedAt, string ActivityId)
{
    /// <summary>The pending request of the instance, or null.</summary>
    public static HandOverRequest? Of(ActivityContext context) =>
        context.Properties[CaseOwner.HandOverProperty] is JsonObject o ? o.Deserialize<HandOverRequest>(JsonSerializerOptions.Web) : null;

    /// <summary>Keeps this request on the instance.</summary>
    public void Save(ActivityContext context) =>
        context.Properties[CaseOwner.HandOverProperty] = JsonSerializer.SerializeToNode(this, JsonSerializerOptions.Web);

    /// <summary>Removes the pending request once decided.</summary>
    public static void Clear(ActivityContext context) => context.Properties.Remove(CaseOwner.HandOverProperty);
}
