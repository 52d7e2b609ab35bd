namespace Approvals.Workflows.Runtime;

/// <summary>
/// A suspended activity waiting for a stimulus. It lives until its activity completes; a stimulus
/// names the bookmark (or its name and correlation key, for signals).
/// </summary>
public sealed class Bookmark
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    /// <summary>What it waits for, e.g. <c>Signal:payment-received</c>, <c>Delay</c>, <c>UserTask</c>.</summary>
    public string Name { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public string? PayloadJson { get; set; }
    public DateTime CreatedAt { get; set; }
}
