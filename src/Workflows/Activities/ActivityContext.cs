using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

/// <summary>What an executing activity sees of its instance and may do to it.</summary>
public sealed class ActivityContext
{
    private readonly Burst _burst;

    internal ActivityContext(Burst burst, ActivityNode node, Stimulus? stimulus)
    {
        _burst = burst;
        Node = node;
        Stimulus = stimulus;
    }

    public ActivityNode Node { get; }
    public string ActivityId => Node.Id;
    public string InstanceId => _burst.Instance.Id;
    public WorkflowInstance Instance => _burst.Instance;
    public WorkflowDefinition Definition => _burst.Definition;
    /// <summary>The submitted start form.</summary>
    public JsonObject Input => _burst.State.Input;
    public JsonObject Variables => _burst.State.Variables;
    /// <summary>Domain data kept on the instance by extensions (e.g. the case owner).</summary>
    public JsonObject Properties => _burst.State.Properties;
    public string? Initiator => _burst.Instance.Initiator;
    /// <summary>The person whose action caused this burst (null for timers and the system).</summary>
    public string? ActingUser => _burst.ActingUser;
    public TimeProvider Clock => _burst.Clock;
    public DateTimeOffset Now => _burst.Clock.GetUtcNow();
    public IServiceProvider Services => _burst.Services;
    /// <summary>Set when the activity is being resumed: which bookmark, timer and payload.</summary>
    public Stimulus? Stimulus { get; }
    /// <summary>This activity's bookmarks that are still open.</summary>
    public IReadOnlyList<Bookmark> Bookmarks => _burst.BookmarksOf(Node.Id);

    internal IReadOnlyList<string>? CompletedWith { get; private set; }
    internal bool Waiting { get; private set; }
    /// <summary>The activity whose outcome scheduled this one (null for Start and resumes).</summary>
    internal string? ArrivedFrom { get; init; }

    /// <summary>Leaves the activity neither completed nor bookmarked, waiting for another path to arrive (as Join does).</summary>
    public void Wait() => Waiting = true;

    /// <summary>Ends the whole instance once this burst step is done: other waiting paths are closed.</summary>
    public void EndInstance() => _burst.EndRequested = true;

    internal List<string> JoinArrivals() => _burst.JoinArrivals(Node.Id);
    internal void CancelBranchesInto(string? except) => _burst.CancelBranchesInto(Node.Id, except);

    /// <summary>Finishes the activity: removes its bookmarks and timers and follows the connections of each outcome.</summary>
    public void Complete(params string[] outcomes) => CompletedWith = outcomes.Length == 0 ? [] : outcomes;

    /// <summary>Suspends this path until a stimulus names the bookmark (or its name and correlation key).</summary>
    public Bookmark CreateBookmark(string name, string? correlationKey = null, JsonNode? payload = null) =>
        _burst.CreateBookmark(Node, name, correlationKey, payload);

    /// <summary>Schedules a durable timer that resumes this activity through <paramref name="bookmark"/> at <paramref name="dueAt"/>.</summary>
    public WorkflowTimer CreateTimer(Bookmark bookmark, string name, DateTimeOffset dueAt) =>
        _burst.CreateTimer(bookmark, name, dueAt);

    /// <summary>Removes every timer of <paramref name="bookmark"/>, stored or new, so they can be set again (a recomputed deadline).</summary>
    public void ClearTimers(Bookmark bookmark) => _burst.ClearTimers(bookmark);

    /// <summary>Removes one of this activity's bookmarks (and its timers) without completing.</summary>
    public void RemoveBookmark(Bookmark bookmark) => _burst.RemoveBookmark(bookmark);

    /// <summary>Evaluates an expression with the instance's globals (<c>input</c>, <c>vars</c>, <c>outputs</c>, <c>initiator</c>, <c>now</c>).</summary>
    public JsonNode? Evaluate(JsExpression expression) => _burst.Evaluate(expression);

    /// <summary>Publishes an output as <c>outputs.&lt;activityId&gt;.&lt;name&gt;</c>.</summary>
    public void SetOutput(string name, JsonNode? value) => _burst.SetOutput(Node.Id, name, value);

    /// <summary>Adds a note to the journal.</summary>
    public void Journal(string message) => _burst.AddJournal(JournalKind.Note, Node, message: message);

    /// <summary>Adds a domain row (a task, a history line, …) to the burst's single transaction.</summary>
    public void Stage(object entity) => _burst.Changes.Staged.Add(entity);

    /// <summary>
    /// Remembers <paramref name="entity"/> as it was just read, before the activity changes it: when it is
    /// then staged for update, its concurrency tokens (e.g. <c>DocumentCounter.LastNumber</c>) must still
    /// hold the read values at commit, or the burst re-runs on fresh data — no lost update, no duplicate.
    /// </summary>
    public T AsRead<T>(T entity) where T : class
    {
        _burst.Changes.AsRead[entity] = Snapshot(entity);
        return entity;
    }

    private static object Snapshot(object entity) =>
        typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(entity, null)!;

    /// <summary>Writes changes to a domain row read outside the burst (e.g. a task) in the burst's transaction.</summary>
    public void StageUpdate(object entity)
    {
        // A row added in this same burst is inserted with its final values; updating it would find no row.
        if (!_burst.Changes.Staged.Contains(entity) && !_burst.Changes.StagedUpdates.Contains(entity)) _burst.Changes.StagedUpdates.Add(entity);
    }

    /// <summary>Schedules <paramref name="activityId"/> next, without a connection (退回 to an earlier step).</summary>
    public void JumpTo(string activityId) => _burst.JumpTo(Node, activityId);

    /// <summary>Runs after the burst has committed (e.g. notifications); failures are logged, never roll back.</summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => _burst.Changes.AfterCommit.Add(action);

    /// <summary>Sets the instance's domain result (Approved, Rejected, Withdrawn…), shown to people.</summary>
    public void SetResult(string result) => _burst.Instance.Result = result;
}
