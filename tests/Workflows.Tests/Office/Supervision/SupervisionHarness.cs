using System.Text.Json.Nodes;
using Approvals.Activities.Reports;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Office.Supervision;

/// <summary>
/// The shipped <c>workflows/supervision.json</c> on the engine with the demo office and the 2026 calendar.
/// 督查室 staff 何健 (hejian) enters items; the default owner is 郑爽 (zhengshuang) of 信息科, whose chief is
/// 吴磊 (wulei) and responsible deputy director 孙红梅 (sunhongmei); the director is 周文华 (zhouwenhua).
/// </summary>
public sealed class SupervisionHarness : IAsyncDisposable
{
    public const string Flow = "supervision";
    public const string Clerk = "hejian";
    public const string Owner = "zhengshuang";
    public const string Chief = "wulei";
    public const string Deputy = "sunhongmei";
    public const string Director = "zhouwenhua";

    private SupervisionHarness(EngineHarness engine) => Engine = engine;

    public EngineHarness Engine { get; }
    public FakeTimeProvider Clock => Engine.Clock;
    public ITaskInbox Inbox => Engine.Get<ITaskInbox>();

    /// <summary>A harness at <paramref name="start"/> (UTC); <paramref name="webhook"/> configures WeCom.</summary>
    public static async Task<SupervisionHarness> CreateAsync(DateTimeOffset start, string? webhook = null, string? dbFile = null)
    {
        var engine = await EngineHarness.CreateAsync(dbFile, new FakeTimeProvider(start), configure: s => Configure(s, webhook));
        await engine.SeedDemoOfficeAsync();
        if (await engine.Definitions.GetAsync(Flow) is null) await engine.PublishAsync(LoadFlow());
        return new SupervisionHarness(engine);
    }

    /// <summary>WeCom on the test webhook (when given) with a short retry backoff.</summary>
    public static void Configure(IServiceCollection services, string? webhook)
    {
        services.AddSingleton(new WeComReportOptions { Attempts = 3, Backoff = TimeSpan.FromMilliseconds(5) });
        if (webhook is not null) services.AddSingleton(new WeComChannel(new WeComOptions { WebhookUrl = webhook }, new HttpClient()));
    }

    public static WorkflowDefinition LoadFlow() =>
        WorkflowJson.Parse(File.ReadAllText(Path.Combine(EngineHarness.RepoRoot, "workflows", "supervision.json")), "supervision.json");

    /// <summary>The start form of a typical item; <paramref name="change"/> edits it.</summary>
    public static JsonObject Form(string deadline = "2026-11-06", string rhythm = "monthly", string? owner = Owner, Action<JsonObject>? change = null)
    {
        var form = new JsonObject
        {
            ["subject"] = "推进老旧小区改造", ["instruction"] = "请信息科牵头，月底前拿出老旧小区改造信息化方案并报区政府。",
            ["source"] = "leader", ["section"] = "information", ["helpers"] = "综合科", ["deadline"] = deadline, ["rhythm"] = rhythm,
        };
        if (owner is not null) form["owner"] = owner;
        change?.Invoke(form);
        return form;
    }

    public async Task<string> StartAsync(JsonObject? form = null) => (await Engine.Runtime.StartAsync(Flow, form ?? Form(), Clerk)).Id;

    /// <summary>Sets the clock and fires whatever is due.</summary>
    public async Task AtAsync(DateTimeOffset utc)
    {
        Clock.SetUtcNow(utc);
        await Engine.Timers.RunDueAsync();
    }

    public async Task<List<HumanTask>> TasksAsync(string instanceId, string? activityId = null, HumanTaskStatus? status = null)
    {
        await using var ctx = Engine.Db.Create();
        var q = ctx.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId);
        if (activityId is not null) q = q.Where(t => t.ActivityId == activityId);
        if (status is not null) q = q.Where(t => t.Status == status);
        return (await q.ToListAsync()).OrderBy(t => t.CreatedAt).ThenBy(t => t.Sequence).ToList();
    }

    public async Task<HumanTask> OpenTaskAsync(string instanceId, string activityId) =>
        Assert.Single(await TasksAsync(instanceId, activityId, HumanTaskStatus.Open));

    public async Task<List<Notification>> NotificationsAsync(string instanceId, NotificationKind? kind = null, string? user = null)
    {
        await using var ctx = Engine.Db.Create();
        var q = ctx.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId);
        if (kind is not null) q = q.Where(n => n.Kind == kind);
        if (user is not null) q = q.Where(n => n.UserId == user);
        return (await q.ToListAsync()).OrderBy(n => n.CreatedAt).ToList();
    }

    public async Task<List<CaseHistory>> HistoryAsync(string instanceId, string action)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.History.AsNoTracking().Where(h => h.InstanceId == instanceId && h.Action == action).OrderBy(h => h.Id).ToListAsync();
    }

    /// <summary>The timers of the open step <paramref name="activityId"/>, by name.</summary>
    public async Task<Dictionary<string, DateTime>> TimersAsync(string instanceId, string activityId)
    {
        var details = await Engine.GetAsync(instanceId);
        var bookmarks = details.Bookmarks.Where(b => b.ActivityId == activityId).Select(b => b.Id).ToHashSet();
        return details.Timers.Where(t => bookmarks.Contains(t.BookmarkId)).ToDictionary(t => t.Name, t => t.DueAt);
    }

    public Task ActAsync(string user, string kind, string taskId, string? comment = null, JsonObject? data = null, JsonObject? formChanges = null) =>
        Inbox.ActAsync(taskId, new TaskAction(kind, taskId) { Comment = comment, Data = data, FormChanges = formChanges }, new Actor(user));

    /// <summary>The owner submits the result report.</summary>
    public async Task SubmitResultAsync(string instanceId, string owner = Owner, string result = "已完成方案并报区政府。")
    {
        var task = await OpenTaskAsync(instanceId, "work");
        Assert.Equal(owner, task.AssigneeId);
        await ActAsync(owner, TaskActionKinds.Approve, task.Id, data: new JsonObject { ["result"] = result });
    }

    /// <summary>督查室: 罗欣 claims the verification and approves, or returns it with a comment (and a new deadline).</summary>
    public async Task VerifyAsync(string instanceId, bool accept, string? comment = null, string? newDeadline = null)
    {
        var task = await OpenTaskAsync(instanceId, "verify");
        Assert.Equal("supervision", task.PoolSectionId);
        await ActAsync("luoxin", TaskActionKinds.Claim, task.Id);
        if (accept) await ActAsync("luoxin", TaskActionKinds.Approve, task.Id, comment ?? "见到成效，同意办结");
        else await ActAsync("luoxin", TaskActionKinds.Return, task.Id, comment,
            formChanges: newDeadline is null ? null : new JsonObject { ["deadline"] = newDeadline });
    }

    public async Task<InstanceDetails> DetailsAsync(string instanceId) => await Engine.GetAsync(instanceId);

    /// <summary>Beijing time → UTC.</summary>
    public static DateTimeOffset Bj(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
