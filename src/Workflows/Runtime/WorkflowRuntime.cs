using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Activities.Primitives;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Runtime;

/// <summary>
/// Runs bursts and commits each one atomically. A change that loses an optimistic-concurrency race is
/// re-run on fresh state (up to <see cref="WorkflowEngineOptions.ConflictRetries"/> times) unless the
/// bookmark or timer it acted on is gone, which is a conflict for the caller.
/// </summary>
public sealed class WorkflowRuntime : IWorkflowRuntime, IDisposable
{
    private readonly ApprovalsDb _db;
    private readonly WorkflowStore _store;
    private readonly IWorkflowDefinitions _definitions;
    private readonly WorkflowEngineOptions _options;
    private readonly ILogger<WorkflowRuntime> _log;
    private readonly WorkflowEngineServices _services;
    private readonly TimeProvider _clock;

    public WorkflowRuntime(ApprovalsDb db, IWorkflowDefinitions definitions, ActivityRegistry registry, IExpressionEvaluator expressions,
        TimeProvider clock, IServiceProvider services, WorkflowEngineOptions options, ILogger<WorkflowRuntime> log)
    {
        _db = db;
        _store = new WorkflowStore(db);
        _definitions = definitions;
        _options = options;
        _log = log;
        _clock = clock;
        _services = new WorkflowEngineServices(registry, expressions, clock, services, options, log);
    }

    public Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input, string? userId, CancellationToken ct = default) =>
        StartCoreAsync(definitionId, input, userId, Guid.NewGuid().ToString("N"), ct);

    public Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input, string? userId, string instanceId, CancellationToken ct = default) =>
        instanceId.Length == 32 && instanceId.All(char.IsAsciiHexDigitLower)
            ? StartCoreAsync(definitionId, input, userId, instanceId, ct)
            : throw new ArgumentException("an instance id is 32 lower-case hex digits", nameof(instanceId));

    private async Task<WorkflowInstance> StartCoreAsync(string definitionId, JsonObject input, string? userId, string id, CancellationToken ct)
    {
        var latest = await _definitions.LatestVersionAsync(definitionId, ct)
                     ?? throw ApprovalException.NotFound("definition-not-found", $"流程“{definitionId}”不存在或尚未发布", $"workflow '{definitionId}' does not exist or is not published");
        var definition = await _definitions.GetPublishedAsync(definitionId, latest, ct);
        var errors = FormValidator.Validate(definition.StartForm, input);
        if (errors.Count > 0)
            throw new ApprovalException(ErrorKind.Invalid, "invalid-form", new("表单填写有误，请检查标出的字段", "the form has errors; check the marked fields"))
            { FieldErrors = errors };

        using var scope = _log.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = id });
        for (var attempt = 0; ; attempt++)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            var state = new InstanceState { Input = (JsonObject)input.DeepClone() };
            foreach (var v in definition.Variables) state.Variables[v.Name] = v.Default?.DeepClone();
            var instance = new WorkflowInstance
            {
                Id = id, DefinitionId = definitionId, DefinitionVersion = definition.Version,
                Initiator = userId, CreatedAt = now, UpdatedAt = now, StateJson = state.Serialize(),
            };
            var changes = new BurstChanges { IsNewInstance = true };
            changes.Journal.Add(new JournalEntry { InstanceId = id, At = now, Kind = JournalKind.InstanceStarted, UserId = userId, Message = $"v{definition.Version}" });
            var burst = new Burst(definition, instance, [], userId, changes, _services);
            await burst.RunAsync([new WorkItem(definition.Activities.First(a => a.Type == "Start").Id)], null, ct);
            try
            {
                await _store.CommitAsync(instance, changes, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < _options.ConflictRetries)
            {
                // A shared row the first burst touched (a counter, an asset) changed meanwhile: run it again.
                if (attempt >= 2) await Task.Delay(Random.Shared.Next(1, 4 + attempt), ct);
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                throw ApprovalException.Conflict("concurrent-change", "其他人同时修改了相关数据，请稍后重试", "someone else changed the same data at the same time; try again");
            }
            await AfterCommitAsync(changes, ct);
            _log.LogInformation("Started {DefinitionId} v{Version}: {Status}", definitionId, definition.Version, instance.Status);
            return instance;
        }
    }

    public async Task<WorkflowInstance> ResumeAsync(string bookmarkId, JsonNode? payload, string? userId, CancellationToken ct = default)
    {
        var instanceId = await _store.InstanceOfAsync("bookmarks", bookmarkId, ct)
                         ?? throw ApprovalException.NotFound("bookmark-not-found", "等待点不存在或已被处理", "the bookmark does not exist or was already resumed");
        return await ResumeAsync(instanceId, bookmarkId, payload, userId, ct);
    }

    private async Task<WorkflowInstance> ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, string? userId, CancellationToken ct)
    {
        return (await MutateAsync(instanceId, userId, async (burst, loaded) =>
        {
            var bookmark = loaded.Bookmarks.Find(b => b.Id == bookmarkId)
                           ?? throw ApprovalException.Conflict("bookmark-consumed", "该等待点已被其他请求处理", "the bookmark was already resumed by another request");
            RequireNotFaulted(burst.Instance);
            await burst.RunAsync([], new Stimulus(bookmark, null, payload), ct);
            return true;
        }, ct))!;
    }

    public async Task<IReadOnlyList<string>> SignalAsync(string signal, string? correlationKey, JsonNode? payload, string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(signal))
            throw ApprovalException.Invalid("missing-signal", "请提供信号名称", "a signal name is required");
        var waiting = await _store.FindBookmarksAsync(WaitForSignal.BookmarkPrefix + signal, correlationKey, ct);
        var resumed = new List<string>();
        foreach (var (bookmarkId, instanceId) in waiting)
        {
            try { resumed.Add((await ResumeAsync(instanceId, bookmarkId, payload, userId, ct)).Id); }
            catch (ApprovalException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.NotFound) { /* another request took it */ }
        }
        return resumed;
    }

    public async Task<WorkflowInstance> CancelAsync(string instanceId, string? userId, string? reason, string result = "Cancelled", CancellationToken ct = default) =>
        (await MutateAsync(instanceId, userId, (burst, _) =>
        {
            if (burst.Instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
                throw ApprovalException.Conflict("instance-ended", "流程实例已经结束", "the instance has already ended");
            burst.Cancel(reason, result);
            return Task.FromResult(true);
        }, ct))!;

    public async Task<WorkflowInstance> RetryAsync(string instanceId, string? userId, CancellationToken ct = default) =>
        (await MutateAsync(instanceId, userId, async (burst, loaded) =>
        {
            if (burst.Instance.Status != InstanceStatus.Faulted)
                throw ApprovalException.Conflict("not-faulted", "流程实例没有需要重试的故障", "the instance has no fault to retry");
            await burst.RetryAsync(loaded.Incidents, ct);
            return true;
        }, ct))!;

    public async Task<bool> FireTimerAsync(string timerId, CancellationToken ct = default)
    {
        var instanceId = await _store.InstanceOfAsync("timers", timerId, ct);
        if (instanceId is null) return false;
        try
        {
            return await MutateAsync(instanceId, null, async (burst, loaded) =>
            {
                var timer = loaded.Timers.Find(t => t.Id == timerId);
                var bookmark = timer is null ? null : loaded.Bookmarks.Find(b => b.Id == timer.BookmarkId);
                if (timer is null || bookmark is null || burst.Instance.Status != InstanceStatus.Suspended) return false;
                burst.Changes.FiredTimerIds.Add(timer.Id);
                await burst.RunAsync([], new Stimulus(bookmark, timer.Name, null), ct);
                return true;
            }, ct) is not null;
        }
        catch (ApprovalException e) when (e.Kind == ErrorKind.NotFound) { return false; }
    }

    public async Task<bool> QuarantineTimerAsync(string timerId, int attempts, CancellationToken ct = default)
    {
        var instanceId = await _store.InstanceOfAsync("timers", timerId, ct);
        if (instanceId is null) return false;
        try
        {
            return await MutateAsync(instanceId, null, (burst, loaded) =>
            {
                var timer = loaded.Timers.Find(t => t.Id == timerId);
                var bookmark = timer is null ? null : loaded.Bookmarks.Find(b => b.Id == timer.BookmarkId);
                if (timer is null || bookmark is null || burst.Instance.Status != InstanceStatus.Suspended) return Task.FromResult(false);
                _log.LogError("Timer {TimerId} ({Name}) was started {Attempts} times without finishing; the instance is quarantined", timerId, timer.Name, attempts);
                burst.Quarantine(bookmark,
                    $"定时器“{timer.Name}”已触发 {attempts} 次均未完成（执行出错或服务因此退出），流程已隔离，不再自动重试；排除原因后请重试。" +
                    $" / Timer '{timer.Name}' was started {attempts} times without finishing (it failed, or the host stopped during it); " +
                    "the instance is quarantined and will not be retried automatically. Fix the cause, then retry.");
                return Task.FromResult(true);
            }, ct) is not null;
        }
        catch (ApprovalException e) when (e.Kind == ErrorKind.NotFound) { return false; }
    }

    public async Task<InstanceDetails?> GetAsync(string instanceId, CancellationToken ct = default)
    {
        var loaded = await _store.LoadAsync(instanceId, ct, withJournal: true);
        return loaded is null ? null
            : new InstanceDetails(loaded.Instance, InstanceState.Deserialize(loaded.Instance.StateJson), loaded.Bookmarks, loaded.Timers, loaded.Incidents, loaded.Journal);
    }

    /// <summary>
    /// Loads the instance, lets <paramref name="act"/> run a burst on it and commits. On an
    /// optimistic-concurrency conflict the whole thing runs again on fresh state. Returns null when
    /// <paramref name="act"/> decided there was nothing to do.
    /// </summary>
    private async Task<WorkflowInstance?> MutateAsync(string instanceId, string? userId, Func<Burst, LoadedInstance, Task<bool>> act, CancellationToken ct)
    {
        using var scope = _log.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        for (var attempt = 0; ; attempt++)
        {
            var loaded = await _store.LoadAsync(instanceId, ct)
                         ?? throw ApprovalException.NotFound("instance-not-found", "流程实例不存在", "the workflow instance does not exist");
            var definition = await _definitions.GetPublishedAsync(loaded.Instance.DefinitionId, loaded.Instance.DefinitionVersion, ct);
            var changes = new BurstChanges { ExpectedRevision = loaded.Instance.Revision };
            var burst = new Burst(definition, loaded.Instance, loaded.Bookmarks, userId, changes, _services);
            if (!await act(burst, loaded)) return null;
            try
            {
                await _store.CommitAsync(loaded.Instance, changes, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < _options.ConflictRetries)
            {
                _log.LogDebug("Concurrent change to the instance; retrying ({Attempt})", attempt + 1);
                // Many losers of one race would collide again at once; a little jitter spreads them out.
                if (attempt >= 2) await Task.Delay(Random.Shared.Next(1, 4 + attempt), ct);
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                throw ApprovalException.Conflict("concurrent-change", "其他人同时修改了该流程，请刷新后重试", "someone else changed this workflow at the same time; reload and try again");
            }
            await AfterCommitAsync(changes, ct);
            return loaded.Instance;
        }
    }

    private static void RequireNotFaulted(WorkflowInstance instance)
    {
        if (instance.Status == InstanceStatus.Faulted)
            throw ApprovalException.Conflict("instance-faulted", "流程实例出现故障，需管理员处理后才能继续", "the instance is faulted; an administrator must retry it first");
        if (instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            throw ApprovalException.Conflict("instance-ended", "流程实例已经结束", "the instance has already ended");
    }

    public void Dispose() => _store.Dispose();

    private async Task AfterCommitAsync(BurstChanges changes, CancellationToken ct)
    {
        foreach (var action in changes.AfterCommit)
        {
            try { await action(ct); }
            catch (Exception e) { _log.LogError(e, "An after-commit action failed; the workflow state is committed"); }
        }
    }
}
