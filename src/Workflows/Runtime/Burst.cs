using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Runtime;

/// <summary>
/// One run of an instance from a start, resume or retry until every path is suspended or finished.
/// It only changes memory; <see cref="Changes"/> is committed by the caller in one transaction.
/// </summary>
internal sealed class Burst
{
    private readonly ActivityRegistry _registry;
    private readonly IExpressionEvaluator _expressions;
    private readonly int _maxActivities;
    private readonly ILogger _log;
    private readonly List<Bookmark> _openBookmarks;
    private readonly Queue<WorkItem> _queue = new();
    private int _executed;
    private bool _faulted;

    public Burst(WorkflowDefinition definition, WorkflowInstance instance, IReadOnlyList<Bookmark> openBookmarks, string? actingUser,
        BurstChanges changes, WorkflowEngineServices services)
    {
        Definition = definition;
        Instance = instance;
        State = InstanceState.Deserialize(instance.StateJson);
        _openBookmarks = [.. openBookmarks];
        ActingUser = actingUser;
        Changes = changes;
        Clock = services.Clock;
        Services = services.ServiceProvider;
        _registry = services.Registry;
        _expressions = services.Expressions;
        _maxActivities = services.Options.MaxActivitiesPerBurst;
        _log = services.Logger;
    }

    public WorkflowDefinition Definition { get; }
    public WorkflowInstance Instance { get; }
    public InstanceState State { get; }
    public string? ActingUser { get; }
    public BurstChanges Changes { get; }
    public TimeProvider Clock { get; }
    public IServiceProvider Services { get; }
    public bool EndRequested { get; set; }
    private DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs the given work, then the stimulus (if any), then everything they schedule.</summary>
    public async Task RunAsync(IEnumerable<WorkItem> work, Stimulus? stimulus, CancellationToken ct)
    {
        Instance.Status = InstanceStatus.Running;
        foreach (var w in work) _queue.Enqueue(w);
        if (stimulus is not null) await StepAsync(new WorkItem(stimulus.Bookmark.ActivityId), stimulus);
        while (!_faulted && !EndRequested && _queue.TryDequeue(out var item))
        {
            ct.ThrowIfCancellationRequested();
            if (++_executed > _maxActivities)
            {
                Fault(item, $"The burst ran more than {_maxActivities} activities without waiting; the flow probably loops forever.", null);
                break;
            }
            await StepAsync(item, null);
        }
        Settle();
    }

    private async Task StepAsync(WorkItem item, Stimulus? stimulus)
    {
        var node = Definition.FindActivity(item.ActivityId);
        if (node is null) { Fault(item, $"Activity '{item.ActivityId}' is not in version {Definition.Version}.", null); return; }
        AddJournal(stimulus is null ? JournalKind.ActivityStarted : JournalKind.BookmarkResumed, node,
            message: stimulus?.TimerName is { } timer ? $"timer {timer}" : null);
        try
        {
            var activity = _registry.CreateBound(node, Evaluate);
            var context = new ActivityContext(this, node, stimulus) { ArrivedFrom = item.FromActivityId };
            var bookmarksBefore = Changes.AddedBookmarks.Count;
            if (stimulus is null) await activity.ExecuteAsync(context);
            else await activity.ResumeAsync(context);

            var outcomes = context.CompletedWith;
            if (outcomes is null && stimulus is null && !context.Waiting && Changes.AddedBookmarks.Count == bookmarksBefore)
                outcomes = [Outcomes.Done];
            if (outcomes is not null) Completed(node, outcomes);
        }
        // A row an activity writes itself (a document counter) held elsewhere past the lock wait is not the flow's
        // fault: like an ApprovalException it refuses the submission or action that ran the activity (nothing is
        // saved); anything else is a fault of the flow and becomes an incident.
        catch (Exception e) when (e is not ApprovalException && Persistence.StorageBusy.Is(e))
        {
            throw Persistence.StorageBusy.Error(e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ApprovalException)
        {
            Fault(item, e is ExpressionException ee ? ee.Message : e.Message, e.ToString());
        }
    }

    private void Completed(ActivityNode node, IReadOnlyList<string> outcomes)
    {
        foreach (var b in _openBookmarks.Where(b => b.ActivityId == node.Id).ToList()) RemoveBookmark(b);
        AddJournal(JournalKind.ActivityCompleted, node, outcome: string.Join(",", outcomes));
        if (EndRequested) return;
        foreach (var outcome in outcomes)
            foreach (var c in Definition.ConnectionsFrom(node.Id, outcome))
                _queue.Enqueue(new WorkItem(c.Target, node.Id, outcome));
    }

    private void Fault(WorkItem item, string message, string? details)
    {
        _faulted = true;
        var node = Definition.FindActivity(item.ActivityId);
        State.Scheduled = [item, .. _queue];
        _queue.Clear();
        Changes.Incidents.Add(new Incident
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = Instance.Id, ActivityId = item.ActivityId,
            Message = message, Details = details, At = UtcNow,
        });
        AddJournal(JournalKind.ActivityFaulted, node, message: message, activityId: item.ActivityId);
        _log.LogWarning("Activity {ActivityId} faulted: {Message}", item.ActivityId, message);
    }

    /// <summary>Sets the instance status from what is left, and writes the state back.</summary>
    private void Settle()
    {
        if (_faulted) Instance.Status = InstanceStatus.Faulted;
        else
        {
            State.Scheduled = [];
            if (EndRequested)
                foreach (var b in _openBookmarks.ToList()) RemoveBookmark(b);
            if (_openBookmarks.Count > 0) Instance.Status = InstanceStatus.Suspended;
            else
            {
                Instance.Status = InstanceStatus.Finished;
                Instance.FinishedAt = UtcNow;
                AddJournal(JournalKind.InstanceFinished, null, message: Instance.Result);
                TellInitiator();
            }
        }
        Instance.UpdatedAt = UtcNow;
        Instance.StateJson = State.Serialize();
    }

    /// <summary>The person who started a case hears when it ends, with its result.</summary>
    private void TellInitiator()
    {
        if (Instance.Initiator is not { } initiator) return;
        // An activity that already told them, in its own words (e.g. where the asset went), is enough.
        if (Changes.Staged.OfType<Notifications.Notification>().Any(n => n.UserId == initiator && n.Kind == Notifications.NotificationKind.Finished)) return;
        var result = Instance.Result switch
        {
            "Approved" => "已通过", "Rejected" => "未通过", "Issued" => "已印发", null => "已办结", { } other => other,
        };
        Changes.Staged.Add(new Notifications.Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = initiator, Kind = Notifications.NotificationKind.Finished,
            Title = $"{Definition.Name.ZhCN}：{result}", InstanceId = Instance.Id, CreatedAt = UtcNow, NextAttemptAt = UtcNow,
        });
    }

    /// <summary>Ends the instance as Cancelled: every bookmark and timer goes, nothing more runs.</summary>
    public void Cancel(string? reason, string result)
    {
        Instance.Result = result;
        Changes.Staged.Add(new Tasks.CaseHistory { InstanceId = Instance.Id, At = UtcNow, ActorId = ActingUser, Action = result, Comment = reason });
        foreach (var b in _openBookmarks.ToList()) RemoveBookmark(b);
        State.Scheduled = [];
        Instance.Status = InstanceStatus.Cancelled;
        Instance.FinishedAt = UtcNow;
        Instance.UpdatedAt = UtcNow;
        Instance.StateJson = State.Serialize();
        AddJournal(JournalKind.InstanceCancelled, null, message: reason);
    }

    /// <summary>
    /// Faults the instance on the activity a timer belongs to without running anything: the timer's burst
    /// never committed several times. A retry re-runs that activity from the start (its bookmark and the
    /// quarantined timer go, a new wait begins), as for any other incident.
    /// </summary>
    public void Quarantine(Bookmark bookmark, string message)
    {
        Fault(new WorkItem(bookmark.ActivityId), message, null);
        Settle();
    }

    /// <summary>Resolves the open incidents and runs the work that was scheduled when the fault happened.</summary>
    public async Task RetryAsync(IEnumerable<Incident> incidents, CancellationToken ct)
    {
        Changes.ResetTimerAttempts = true;
        var work = State.Scheduled.ToList();
        foreach (var incident in incidents.Where(i => i.ResolvedAt is null))
        {
            incident.ResolvedAt = UtcNow;
            incident.ResolvedBy = ActingUser;
            Changes.ResolvedIncidents.Add(incident);
            // The faulted activity runs again from the start, so whatever it had left waiting goes.
            foreach (var b in _openBookmarks.Where(b => b.ActivityId == incident.ActivityId).ToList()) RemoveBookmark(b);
            AddJournal(JournalKind.IncidentRetried, Definition.FindActivity(incident.ActivityId), message: incident.Message, activityId: incident.ActivityId);
        }
        await RunAsync(work, null, ct);
    }

    public JsonNode? Evaluate(JsExpression expression) =>
        _expressions.Evaluate(expression.Source,
            new ExpressionGlobals(State.Input, State.Variables, State.Outputs, Instance.Initiator, Clock.GetUtcNow()));

    public void JumpTo(ActivityNode from, string activityId)
    {
        if (Definition.FindActivity(activityId) is null)
            throw ApprovalException.Invalid("unknown-step", $"步骤“{activityId}”不存在", $"step '{activityId}' does not exist");
        _queue.Enqueue(new WorkItem(activityId, from.Id, "Jump"));
    }

    public IReadOnlyList<Bookmark> BookmarksOf(string activityId) => _openBookmarks.Where(b => b.ActivityId == activityId).ToList();

    public Bookmark CreateBookmark(ActivityNode node, string name, string? correlationKey, JsonNode? payload)
    {
        var b = new Bookmark
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = Instance.Id, ActivityId = node.Id, Name = name,
            CorrelationKey = correlationKey, PayloadJson = payload?.ToJsonString(), CreatedAt = UtcNow,
        };
        _openBookmarks.Add(b);
        Changes.AddedBookmarks.Add(b);
        AddJournal(JournalKind.BookmarkCreated, node, message: name);
        return b;
    }

    public WorkflowTimer CreateTimer(Bookmark bookmark, string name, DateTimeOffset dueAt)
    {
        var t = new WorkflowTimer
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = Instance.Id, BookmarkId = bookmark.Id, Name = name, DueAt = dueAt.UtcDateTime,
        };
        Changes.AddedTimers.Add(t);
        return t;
    }

    /// <summary>Drops every timer of a bookmark (those created in this burst and those already stored).</summary>
    public void ClearTimers(Bookmark bookmark)
    {
        Changes.AddedTimers.RemoveAll(t => t.BookmarkId == bookmark.Id);
        if (!Changes.AddedBookmarks.Contains(bookmark) && !Changes.ClearedTimerBookmarks.Contains(bookmark.Id))
            Changes.ClearedTimerBookmarks.Add(bookmark.Id);
    }

    public void RemoveBookmark(Bookmark bookmark)
    {
        if (!_openBookmarks.Remove(bookmark)) return;
        if (Changes.AddedBookmarks.Remove(bookmark)) Changes.AddedTimers.RemoveAll(t => t.BookmarkId == bookmark.Id);
        else Changes.RemovedBookmarks.Add(bookmark);
    }

    public void SetOutput(string activityId, string name, JsonNode? value)
    {
        if (State.Outputs[activityId] is not JsonObject o) State.Outputs[activityId] = o = [];
        o[name] = value;
    }

    public List<string> JoinArrivals(string joinId)
    {
        if (!State.Joins.TryGetValue(joinId, out var list)) State.Joins[joinId] = list = [];
        return list;
    }

    /// <summary>
    /// For Join/WaitAny: closes the branches that have not arrived: bookmarks and queued work of
    /// activities that lead into the join only through the other inbound connections.
    /// </summary>
    public void CancelBranchesInto(string joinId, string? arrivedFrom)
    {
        var keep = arrivedFrom is null ? new HashSet<string>() : Ancestors(arrivedFrom);
        var cancel = new HashSet<string>();
        foreach (var c in Definition.Connections.Where(c => c.Target == joinId && c.Source != arrivedFrom))
            cancel.UnionWith(Ancestors(c.Source));
        cancel.ExceptWith(keep);
        cancel.Remove(joinId);
        foreach (var b in _openBookmarks.Where(b => cancel.Contains(b.ActivityId)).ToList()) RemoveBookmark(b);
        var remaining = _queue.Where(w => !cancel.Contains(w.ActivityId)).ToList();
        _queue.Clear();
        foreach (var w in remaining) _queue.Enqueue(w);
    }

    private HashSet<string> Ancestors(string activityId)
    {
        var seen = new HashSet<string> { activityId };
        var stack = new Stack<string>([activityId]);
        while (stack.TryPop(out var id))
            foreach (var c in Definition.Connections.Where(c => c.Target == id))
                if (seen.Add(c.Source)) stack.Push(c.Source);
        return seen;
    }

    public void AddJournal(JournalKind kind, ActivityNode? node, string? outcome = null, string? message = null, string? activityId = null) =>
        Changes.Journal.Add(new JournalEntry
        {
            InstanceId = Instance.Id, At = UtcNow, Kind = kind, ActivityId = node?.Id ?? activityId, ActivityType = node?.Type,
            Outcome = outcome, UserId = ActingUser, Message = message,
        });
}
