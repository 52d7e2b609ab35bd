using System.Text.Json.Nodes;

namespace Approvals.Workflows.Runtime;

/// <summary>What woke an activity: the bookmark, the timer (if a timer fired) and any payload.</summary>
public sealed record Stimulus(Bookmark Bookmark, string? TimerName, JsonNode? Payload);
