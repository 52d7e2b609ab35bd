using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Office.Leave;

/// <summary>
/// The engine on a real SQLite file with the demo office and the shipped <c>workflows/leave-request.json</c>.
/// The clock starts on Monday 2026-11-02 09:00 in Shanghai unless a test gives its own. In the demo office
/// 杨帆 (yangfan, 综合科) has chief 张伟 (zhangwei), deputy director 李国强 (liguoqiang) and director 周文华
/// (zhouwenhua); 黄丽 (huangli) is a colleague; 人事科 (hr) is 林燕 (chief), 宋杰 (songjie), 唐敏.
/// </summary>
public sealed class LeaveHarness : IAsyncDisposable
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    public const string Applicant = "yangfan";
    public const string Chief = "zhangwei";
    public const string Deputy = "liguoqiang";
    public const string Director = "zhouwenhua";
    public const string Colleague = "huangli";
    public const string Hr = "songjie";

    private LeaveHarness(EngineHarness engine) => Engine = engine;

    public EngineHarness Engine { get; }
    public ITaskInbox Inbox => Engine.Get<ITaskInbox>();
    public IWorkflowRuntime Runtime => Engine.Runtime;
    public FakeTimeProvider Clock => Engine.Clock;

    /// <summary>A harness whose clock starts at <paramref name="localStart"/> (Shanghai time).</summary>
    public static async Task<LeaveHarness> CreateAsync(DateTime? localStart = null)
    {
        var start = new DateTimeOffset(localStart ?? new DateTime(2026, 11, 2, 9, 0, 0), Shanghai);
        var engine = await EngineHarness.CreateAsync(clock: new FakeTimeProvider(start.ToUniversalTime()));
        await engine.SeedDemoOfficeAsync();
        await engine.PublishAsync(LoadShippedFlow());
        return new LeaveHarness(engine);
    }

    /// <summary>The flow file as shipped.</summary>
    public static WorkflowDefinition LoadShippedFlow() =>
        WorkflowJson.Parse(File.ReadAllText(Path.Combine(EngineHarness.RepoRoot, "workflows", "leave-request.json")), "leave-request.json");

    public static JsonObject Form(string start, string end, string type = "annual", string handOver = Colleague, string reason = "家中有事") => new()
    {
        ["leaveType"] = type, ["start"] = start, ["end"] = end, ["reason"] = reason, ["handOver"] = handOver,
    };

    public async Task<string> StartAsync(string start, string end, string type = "annual", string applicant = Applicant) =>
        (await Runtime.StartAsync("leave-request", Form(start, end, type), applicant)).Id;

    /// <summary>Moves the clock to a Shanghai wall-clock time and fires every timer due by then.</summary>
    public async Task AdvanceToAsync(DateTime local)
    {
        var target = new DateTimeOffset(local, Shanghai);
        Assert.True(target >= Clock.GetUtcNow(), "the clock only moves forward");
        Clock.SetUtcNow(target.ToUniversalTime());
        while (await Engine.Timers.RunDueAsync() > 0) { }
    }

    public async Task<List<HumanTask>> OpenAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).OrderBy(t => t.Sequence).ToListAsync();
    }

    /// <summary>The one open task of the case, at <paramref name="activityId"/>.</summary>
    public async Task<HumanTask> OpenTaskAsync(string instanceId, string activityId) =>
        Assert.Single(await OpenAsync(instanceId), t => t.ActivityId == activityId);

    public Task ActAsync(string user, string kind, string taskId, string? comment = null, JsonObject? formChanges = null) =>
        Inbox.ActAsync(taskId, new TaskAction(kind, taskId) { Comment = comment, FormChanges = formChanges }, new Actor(user));

    /// <summary>Approves the open task at <paramref name="activityId"/> as <paramref name="user"/> (claiming a pool task first).</summary>
    public async Task ApproveAsync(string instanceId, string activityId, string user)
    {
        var task = await OpenTaskAsync(instanceId, activityId);
        if (task.AssigneeId is null) await ActAsync(user, TaskActionKinds.Claim, task.Id);
        else Assert.Equal(user, task.AssigneeId);
        await ActAsync(user, TaskActionKinds.Approve, task.Id, "同意");
    }

    /// <summary>Runs the approvals the route needs and HR's filing.</summary>
    public async Task ApproveAndFileAsync(string instanceId, params string[] reviewSteps)
    {
        foreach (var step in reviewSteps)
        {
            var approver = step.StartsWith("chief") ? Chief : step.StartsWith("deputy") ? Deputy : Director;
            await ApproveAsync(instanceId, step, approver);
        }
        await ApproveAsync(instanceId, "hrFiling", Hr);
    }

    public async Task<WorkflowInstance> InstanceAsync(string id) => (await Engine.GetAsync(id)).Instance;

    public async Task<LeaveRecord?> RecordAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.LeaveRecords.AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == instanceId);
    }

    public async Task<OutOfOffice?> AwayAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.OutOfOffice.AsNoTracking().SingleOrDefaultAsync(o => o.SourceInstanceId == instanceId);
    }

    public async Task<List<Notification>> NotificationsAsync(string userId)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Set<T>().CountAsync();
    }

    /// <summary>A local (Shanghai) wall-clock time as a UTC DateTime, as rows store it.</summary>
    public static DateTime Utc(DateTime local) => new DateTimeOffset(local, Shanghai).UtcDateTime;

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
