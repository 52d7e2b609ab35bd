using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// The human side of the platform: what is waiting for a person and what they can do about it.
/// Every call names the acting user; every check happens here (or in the burst), never in the UI.
/// </summary>
public interface ITaskInbox
{
    /// <summary>Acts on a task (approve, reject, return, transfer, delegate, add signer, CC, claim, release, urge).</summary>
    Task ActAsync(string taskId, TaskAction action, Actor actor, CancellationToken ct = default);

    /// <summary>撤回: the initiator takes the request back; open tasks are cancelled, the case ends as Withdrawn.</summary>
    Task<WorkflowInstance> WithdrawAsync(string instanceId, Actor actor, string? reason, CancellationToken ct = default);

    /// <summary>催办 every open task of a request (the initiator only; once an hour per task); returns how many were urged.</summary>
    Task<int> UrgeAsync(string instanceId, Actor actor, CancellationToken ct = default);

    Task<Page<TaskItem>> TodoAsync(Actor actor, InboxFilter filter, CancellationToken ct = default);
    Task<Page<TaskItem>> DoneAsync(Actor actor, InboxFilter filter, CancellationToken ct = default);
    Task<Page<CcItem>> CarbonCopiesAsync(Actor actor, bool unreadOnly, int page, int pageSize, CancellationToken ct = default);
    Task MarkCarbonCopyReadAsync(string ccId, Actor actor, CancellationToken ct = default);
    Task<Page<RequestItem>> MyRequestsAsync(Actor actor, InstanceStatus? status, int page, int pageSize, CancellationToken ct = default);
    Task<InboxCounts> CountsAsync(Actor actor, CancellationToken ct = default);

    /// <summary>A task with its case, the form as this step shows it, the actions allowed and the steps it may return to.</summary>
    Task<TaskDetails> TaskAsync(string taskId, Actor actor, CancellationToken ct = default);

    /// <summary>A case as a participant sees it: form, status, current steps, timeline.</summary>
    Task<CaseDetails> CaseAsync(string instanceId, Actor actor, CancellationToken ct = default);

    /// <summary>The case timeline in order (participants and admins only).</summary>
    Task<IReadOnlyList<CaseHistory>> TimelineAsync(string instanceId, Actor actor, CancellationToken ct = default);

    Task CommentAsync(string instanceId, Actor actor, string text, CancellationToken ct = default);
}

/// <summary>The person acting and whether they are an admin.</summary>
public sealed record Actor(string Id, bool IsAdmin = false);

/// <summary>Inbox filters and paging; <see cref="Sort"/> is <c>due</c> (default), <c>created</c> or <c>-created</c>.</summary>
public sealed record InboxFilter(string? DefinitionId = null, bool Overdue = false, bool DueToday = false, string? Sort = null, int Page = 1, int PageSize = 20);

public sealed record Page<T>(int Total, int PageNumber, int PageSize, IReadOnlyList<T> Items);

/// <summary>A task in a list.</summary>
public sealed record TaskItem(
    string Id, string InstanceId, string DefinitionId, string ActivityId, string Title, string? Initiator, string? AssigneeId,
    string? PoolSectionId, string? OnBehalfOf, string? DelegatedTo, HumanTaskStatus Status, DateTime CreatedAt, DateTime? DueAt,
    DateTime? CompletedAt, string? Outcome, string? Comment, bool IsOverdue);

public sealed record CcItem(string Id, string InstanceId, string Title, string FromUserId, string? Comment, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>A request I started, where it stands and who has it now.</summary>
public sealed record RequestItem(
    string InstanceId, string DefinitionId, int DefinitionVersion, InstanceStatus Status, string? Result, DateTime CreatedAt,
    DateTime? FinishedAt, IReadOnlyList<CurrentStep> CurrentSteps);

public sealed record CurrentStep(string ActivityId, string Title, IReadOnlyList<string> Assignees, DateTime? DueAt);

public sealed record InboxCounts(int Todo, int Overdue, int DueToday, int UnreadCarbonCopies, int RequestsInProgress, int UnreadNotifications);

/// <summary>A form field as a step shows it: its value and whether it may be changed (hidden fields are left out).</summary>
public sealed record StepField(string Key, string LabelZh, string LabelEn, string Type, JsonNode? Value, bool Editable);

public sealed record TaskDetails(
    TaskItem Task, RequestItem Case, string? Instructions, IReadOnlyList<StepField> Fields, IReadOnlyList<string> AllowedActions,
    IReadOnlyList<string> ReturnTargets, IReadOnlyList<CaseHistory> Timeline, IReadOnlyList<Definitions.FormField> ResultFields);

public sealed record CaseDetails(RequestItem Case, JsonObject Input, IReadOnlyList<CaseHistory> Timeline, IReadOnlyList<Attachment> Attachments);
