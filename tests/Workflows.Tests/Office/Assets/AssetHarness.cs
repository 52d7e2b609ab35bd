using System.Text.Json.Nodes;
using Approvals.Activities.Assets;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Office.Assets;

/// <summary>
/// The engine with the demo office, the demo register (workflows/assets/demo-assets.csv) and the shipped flow
/// workflows/asset-transfer.json. The clock starts on Monday 2026-11-02 09:00 in Shanghai.
/// Committee (state-asset-committee): zhaozhiyuan, gaoming, zhangwei, wulei, guoliping.
/// </summary>
public sealed class AssetHarness : IAsyncDisposable
{
    public const string FlowId = "asset-transfer";
    /// <summary>联想启天M437台式电脑 in 综合科 (general), whose chief is zhangwei.</summary>
    public const string Desktop = "ZC-2023-0012";
    public static readonly string[] Committee = ["zhaozhiyuan", "gaoming", "zhangwei", "wulei", "guoliping"];

    private AssetHarness(EngineHarness engine) => Engine = engine;

    public EngineHarness Engine { get; }
    public IWorkflowRuntime Runtime => Engine.Runtime;
    public AssetRegister Register => Engine.Get<AssetRegister>();
    public ITaskInbox Inbox => Engine.Get<ITaskInbox>();

    public static string DemoRegisterFile => Path.Combine(EngineHarness.RepoRoot, "workflows", "assets", "demo-assets.csv");

    public static async Task<AssetHarness> CreateAsync(bool publishFlow = true)
    {
        var engine = await EngineHarness.CreateAsync();
        await engine.SeedDemoOfficeAsync();
        var h = new AssetHarness(engine);
        await h.Register.SeedIfEmptyAsync(DemoRegisterFile);
        if (publishFlow)
            await engine.PublishAsync(WorkflowJson.Parse(await File.ReadAllTextAsync(Path.Combine(EngineHarness.RepoRoot, "workflows", FlowId + ".json"))));
        return h;
    }

    /// <summary>Submits a transfer request as <paramref name="requester"/>.</summary>
    public Task<WorkflowInstance> SubmitAsync(string code = Desktop, string from = "general", string to = "information", string requester = "yangfan") =>
        Runtime.StartAsync(FlowId, new JsonObject
        {
            ["assetCode"] = code, ["fromSection"] = from, ["toSection"] = to, ["reason"] = "信息科新增人员，需要办公电脑",
        }, requester);

    public async Task<List<HumanTask>> TasksAsync(string instanceId, string? activityId = null)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && (activityId == null || t.ActivityId == activityId))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Sequence).ToListAsync();
    }

    public async Task<HumanTask> OpenTaskAsync(string instanceId, string activityId, string? assignee = null) =>
        (await TasksAsync(instanceId, activityId)).Single(t => t.Status == HumanTaskStatus.Open && (assignee == null || t.AssigneeId == assignee));

    public Task ActAsync(string user, string taskId, string kind, string? comment = null, JsonObject? data = null) =>
        Inbox.ActAsync(taskId, new TaskAction(kind, taskId) { Comment = comment, Data = data }, new Actor(user));

    /// <summary>The giving chief confirms: 综合科's chief is zhangwei.</summary>
    public async Task ChiefConfirmsAsync(string instanceId, string chief = "zhangwei") =>
        await ActAsync(chief, (await OpenTaskAsync(instanceId, "chiefConfirm", chief)).Id, TaskActionKinds.Approve, "同意调出");

    /// <summary>Committee members vote in the order given.</summary>
    public async Task VoteAsync(string instanceId, string kind, params string[] members)
    {
        foreach (var m in members)
            await ActAsync(m, (await OpenTaskAsync(instanceId, "committeeVote", m)).Id, kind, kind == TaskActionKinds.Approve ? "同意调换" : "不同意，建议另行采购");
    }

    /// <summary>A finance member claims the filing task and files it with <paramref name="filingNo"/>.</summary>
    public async Task FileAsync(string instanceId, string filingNo, string clerk = "liangqing")
    {
        var task = await OpenTaskAsync(instanceId, "financeFiling");
        await ActAsync(clerk, task.Id, TaskActionKinds.Claim);
        await ActAsync(clerk, task.Id, TaskActionKinds.Approve, "已备案", new JsonObject { ["filingNo"] = filingNo });
    }

    public async Task<Asset> AssetRowAsync(string code)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Assets.AsNoTracking().SingleAsync(a => a.Code == code);
    }

    public async Task<List<Notification>> NotificationsAsync(string userId, NotificationKind kind)
    {
        await using var ctx = Engine.Db.Create();
        return await ctx.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).ToListAsync();
    }

    public async Task<WorkflowInstance> InstanceAsync(string id) => (await Engine.GetAsync(id)).Instance;

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
