using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Office.Documents;

/// <summary>
/// The engine with the demo office and the shipped <c>workflows/document-signoff.json</c>. In the demo
/// office the drafter 杨帆 (yangfan) is in 综合科, whose chief is 张伟 (zhangwei) and whose responsible deputy
/// director is 李国强 (liguoqiang); the director is 周文华 (zhouwenhua); 秘书科 (secretariat) has the chief 王静
/// (wangjing) and 陈晓宇, 胡丽娜, 刘洋 (chenxiaoyu, hulina, liuyang).
/// </summary>
public sealed class DocumentHarness : IAsyncDisposable
{
    public const string Flow = "document-signoff";
    public const string Drafter = "yangfan";
    public const string Chief = "zhangwei";
    public const string Deputy = "liguoqiang";
    public const string Director = "zhouwenhua";

    /// <summary>China Standard Time (no daylight saving).</summary>
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private DocumentHarness(EngineHarness engine) => Engine = engine;

    public EngineHarness Engine { get; }
    public FakeTimeProvider Clock => Engine.Clock;
    public IWorkflowRuntime Runtime => Engine.Runtime;
    public ITaskInbox Inbox => Engine.Get<ITaskInbox>();

    /// <summary>A harness whose clock starts at <paramref name="localStart"/> (office time), by default Monday 2026-11-02 09:00.</summary>
    public static async Task<DocumentHarness> CreateAsync(DateTimeOffset? localStart = null)
    {
        var clock = new FakeTimeProvider(localStart ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, Beijing));
        var engine = await EngineHarness.CreateAsync(clock: clock);
        await engine.SeedDemoOfficeAsync();
        await engine.PublishAsync(LoadFlow());
        return new DocumentHarness(engine);
    }

    /// <summary>The flow as shipped.</summary>
    public static WorkflowDefinition LoadFlow() =>
        WorkflowJson.Parse(File.ReadAllText(Path.Combine(EngineHarness.RepoRoot, "workflows", Flow + ".json")), Flow + ".json");

    /// <summary>A complete, valid draft; <paramref name="change"/> may alter it.</summary>
    public static JsonObject Draft(Action<JsonObject>? change = null)
    {
        var input = new JsonObject
        {
            ["title"] = "关于做好2026年国庆节期间值班工作的通知",
            ["docType"] = "notice",
            ["series"] = "区政办发",
            ["body"] = "国庆节期间实行24小时值班，值班人员名单附后。全区共设值班点12个。",
            ["attachmentsNote"] = "1. 值班人员名单",
            ["figuresChecked"] = "checked",
        };
        change?.Invoke(input);
        return input;
    }

    public async Task<string> SubmitAsync(JsonObject? draft = null, string drafter = Drafter) =>
        (await Runtime.StartAsync(Flow, draft ?? Draft(), drafter)).Id;

    /// <summary>Moves the fake clock to an office-local time (never backwards).</summary>
    public void SetLocal(int year, int month, int day, int hour, int minute) =>
        Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, 0, Beijing));

    public async Task<List<HumanTask>> OpenAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Tasks.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).OrderBy(t => t.Sequence).ToListAsync();
    }

    public async Task<List<HumanTask>> TasksAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Tasks.Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Sequence).ToListAsync();
    }

    /// <summary>The one open task of the case, which must be at <paramref name="activityId"/> and held by <paramref name="assignee"/>.</summary>
    public async Task<HumanTask> TaskAtAsync(string instanceId, string activityId, string assignee)
    {
        var open = await OpenAsync(instanceId);
        var task = Assert.Single(open);
        Assert.Equal((activityId, assignee), (task.ActivityId, task.AssigneeId));
        return task;
    }

    public async Task ActAsync(string user, string kind, string taskId, string? comment = null, IReadOnlyList<string>? users = null,
        JsonObject? data = null, JsonObject? formChanges = null) =>
        await Inbox.ActAsync(taskId, new TaskAction(kind, taskId) { Comment = comment, Users = users ?? [], Data = data, FormChanges = formChanges },
            new Actor(user));

    /// <summary>Approves the open task of <paramref name="activityId"/> held by <paramref name="user"/>.</summary>
    public async Task ApproveAsync(string instanceId, string activityId, string user, string? comment = "同意", JsonObject? data = null, JsonObject? formChanges = null) =>
        await ActAsync(user, TaskActionKinds.Approve, (await TaskAtAsync(instanceId, activityId, user)).Id, comment, data: data, formChanges: formChanges);

    /// <summary>Takes a draft with no countersign from submission to the secretariat's issuance step.</summary>
    public async Task ThroughReviewsAsync(string instanceId)
    {
        await ApproveAsync(instanceId, "chiefReview", Chief);
        await ApproveAsync(instanceId, "deputyReview", Deputy);
        await ApproveAsync(instanceId, "directorSign", Director);
    }

    public async Task<InstanceDetails> InstanceAsync(string id) => await Engine.GetAsync(id);

    public async Task<List<CaseHistory>> HistoryAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.History.Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id).ToListAsync();
    }

    /// <summary>Notifications of a kind for a user, oldest first.</summary>
    public async Task<List<Notification>> NotificationsAsync(string userId, NotificationKind kind)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Notifications.Where(n => n.UserId == userId && n.Kind == kind).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    /// <summary>The stored timers of a case, by name, as office-local times.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> TimersAsync(string instanceId) =>
        (await InstanceAsync(instanceId)).Timers.ToDictionary(t => t.Name, t => new DateTimeOffset(t.DueAt, TimeSpan.Zero).ToOffset(Beijing));

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, Beijing);

    public static DateTime Utc(int year, int month, int day, int hour, int minute) => Local(year, month, day, hour, minute).UtcDateTime;

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
