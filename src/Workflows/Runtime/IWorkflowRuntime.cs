using System.Text.Json.Nodes;

namespace Approvals.Workflows.Runtime;

/// <summary>Starts, resumes, signals, cancels and retries workflow instances, and reads them back.</summary>
public interface IWorkflowRuntime
{
    /// <summary>
    /// Starts the latest published version with the start form <paramref name="input"/> (validated
    /// against the form; invalid input throws <see cref="ApprovalException"/> with field errors) and runs
    /// the first burst.
    /// </summary>
    Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input, string? userId, CancellationToken ct = default);

    /// <summary>
    /// As <see cref="StartAsync(string, JsonObject, string?, CancellationToken)"/>, under an id the caller chose (32 lower-case
    /// hex digits), so a caller can make a start idempotent: a second start under the same id fails as a conflict
    /// (<c>concurrent-change</c>) and stores nothing.
    /// </summary>
    Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input, string? userId, string instanceId, CancellationToken ct = default) =>
        throw new NotSupportedException("this runtime does not start under a given id");

    /// <summary>Resumes the activity waiting on a bookmark. A bookmark already consumed gives a conflict.</summary>
    Task<WorkflowInstance> ResumeAsync(string bookmarkId, JsonNode? payload, string? userId, CancellationToken ct = default);

    /// <summary>Resumes every WaitForSignal waiting for <paramref name="signal"/> with this correlation key; returns the instances resumed.</summary>
    Task<IReadOnlyList<string>> SignalAsync(string signal, string? correlationKey, JsonNode? payload, string? userId, CancellationToken ct = default);

    /// <summary>
    /// Ends a running, suspended or faulted instance as Cancelled, with <paramref name="result"/> as its
    /// result (e.g. <c>Withdrawn</c> when the initiator takes a request back); open tasks are cancelled.
    /// </summary>
    Task<WorkflowInstance> CancelAsync(string instanceId, string? userId, string? reason, string result = "Cancelled", CancellationToken ct = default);

    /// <summary>Retries the faulted activity of an instance after its cause was fixed.</summary>
    Task<WorkflowInstance> RetryAsync(string instanceId, string? userId, CancellationToken ct = default);

    /// <summary>Fires one due timer; false when another host fired it first or it was already gone.</summary>
    Task<bool> FireTimerAsync(string timerId, CancellationToken ct = default);

    /// <summary>
    /// Faults the instance of a timer whose burst was started <paramref name="attempts"/> times without
    /// committing (see <see cref="WorkflowEngineOptions.MaxTimerAttempts"/>), with an incident for an
    /// administrator; false when the instance is not waiting (it is already faulted, or ended).
    /// </summary>
    Task<bool> QuarantineTimerAsync(string timerId, int attempts, CancellationToken ct = default);

    /// <summary>An instance with its bookmarks, incidents and journal, or null.</summary>
    Task<InstanceDetails?> GetAsync(string instanceId, CancellationToken ct = default);
}

/// <summary>An instance as an API shows it.</summary>
public sealed record InstanceDetails(
    WorkflowInstance Instance, InstanceState State, IReadOnlyList<Bookmark> Bookmarks, IReadOnlyList<WorkflowTimer> Timers,
    IReadOnlyList<Incident> Incidents, IReadOnlyList<JournalEntry> Journal);
