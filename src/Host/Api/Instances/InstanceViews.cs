using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Host.Api.Instances;

/// <summary>An instance in a list or as the answer to a command.</summary>
public sealed record InstanceSummary(
    string Id, string DefinitionId, int DefinitionVersion, InstanceStatus Status, string? Result, string? Initiator,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FinishedAt)
{
    public static InstanceSummary From(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Result, i.Initiator, i.CreatedAt, i.UpdatedAt, i.FinishedAt);
}

/// <summary>An instance in full: where it waits, its data, incidents and journal.</summary>
public sealed record InstanceView(
    InstanceSummary Instance, JsonObject Input, JsonObject Variables, JsonObject Outputs,
    IReadOnlyList<PositionView> Position, IReadOnlyList<Incident> Incidents, IReadOnlyList<JournalEntry> Journal)
{
    public static InstanceView From(InstanceDetails d) => new(
        InstanceSummary.From(d.Instance), d.State.Input, d.State.Variables, d.State.Outputs,
        d.Bookmarks.Select(b => new PositionView(b.ActivityId, b.Id, b.Name, b.CorrelationKey,
            d.Timers.Where(t => t.BookmarkId == b.Id).Select(t => new TimerView(t.Id, t.Name, t.DueAt)).ToList())).ToList(),
        d.Incidents, d.Journal);
}

/// <summary>An activity the instance waits at, the bookmark it waits on and its timers.</summary>
public sealed record PositionView(string ActivityId, string BookmarkId, string Name, string? CorrelationKey, IReadOnlyList<TimerView> Timers);

public sealed record TimerView(string Id, string Name, DateTime DueAt);
