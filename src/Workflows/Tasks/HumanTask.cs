namespace Approvals.Workflows.Tasks;

/// <summary>
/// A piece of work for a person (or a section pool) at a UserTask step. It hangs on the step's bookmark;
/// acting on it is a stimulus to that bookmark, so every change is part of a burst.
/// </summary>
public sealed class HumanTask
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string BookmarkId { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The user who started the case (denormalised for "my requests" and titles).</summary>
    public string? Initiator { get; set; }
    /// <summary>Null for an unclaimed pool task.</summary>
    public string? AssigneeId { get; set; }
    /// <summary>For pool tasks: the section whose members may claim it.</summary>
    public string? PoolSectionId { get; set; }
    /// <summary>Set when the task went to a delegate because the assignee is away (代理): the original assignee.</summary>
    public string? OnBehalfOf { get; set; }
    /// <summary>委派: the person the assignee asked to act first; the task returns to the assignee after.</summary>
    public string? DelegatedTo { get; set; }
    public HumanTaskStatus Status { get; set; }
    /// <summary>Order within a sequential (依次) step, from 0.</summary>
    public int Sequence { get; set; }
    /// <summary>加签: a signer added by someone; the step cannot complete without them.</summary>
    public string? AddedBy { get; set; }
    /// <summary>加签 before: the task that waits for this one.</summary>
    public string? BlocksTaskId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>What closed it: Approved, Rejected, Returned, TimedOut, Cancelled, Transferred.</summary>
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public DateTime? LastUrgedAt { get; set; }
}

public enum HumanTaskStatus
{
    Open,
    /// <summary>Paused while a signer added before it (加签 before) acts.</summary>
    Waiting,
    Completed,
    Cancelled,
}
