using System.Text.Json.Nodes;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;

namespace Approvals.Workflows.Tests.Tasks;

/// <summary>
/// The engine with a small office: staff1/staff2 in 综合科 (chief1, deputy1 responsible), hr1/hr2 in 人事科
/// (chiefhr), the director dir1, a five-member committee, an admin. Actions go through <see cref="ITaskInbox"/>.
/// </summary>
public sealed class TaskHarness : IAsyncDisposable
{
    private TaskHarness(EngineHarness engine) => Engine = engine;

    public EngineHarness Engine { get; }
    public ITaskInbox Inbox => Engine.Get<ITaskInbox>();
    public IWorkflowRuntime Runtime => Engine.Runtime;

    public static async Task<TaskHarness> CreateAsync()
    {
        var engine = await EngineHarness.CreateAsync();
        await using (var ctx = engine.Db.Create())
        {
            ctx.Sections.AddRange(
                new Section { Id = "leaders", NameZh = "办领导", NameEn = "Leaders" },
                new Section { Id = "general", NameZh = "综合科", NameEn = "General", ChiefId = "chief1", DeputyDirectorId = "deputy1" },
                new Section { Id = "hr", NameZh = "人事科", NameEn = "HR", ChiefId = "chiefhr", DeputyDirectorId = "deputy2" });
            ctx.Users.AddRange(
                User("dir1", "周主任", "leaders", Position.Director),
                User("deputy1", "吴副主任", "leaders", Position.DeputyDirector),
                User("deputy2", "郑副主任", "leaders", Position.DeputyDirector),
                User("chief1", "王科长", "general", Position.Chief),
                User("staff1", "张三", "general", Position.Staff),
                User("staff2", "李四", "general", Position.Staff),
                User("chiefhr", "陈科长", "hr", Position.Chief),
                User("hr1", "刘一", "hr", Position.Staff),
                User("hr2", "刘二", "hr", Position.Staff),
                User("stranger", "路人", "hr", Position.Staff),
                User("admin", "管理员", "general", Position.Staff, admin: true));
            ctx.Groups.Add(new OrgGroup
            {
                Id = "committee", NameZh = "国有资产管理领导小组", NameEn = "Committee",
                Members = [.. new[] { "deputy1", "chief1", "chiefhr", "hr1", "staff2" }.Select(u => new GroupMember { UserId = u })],
            });
            ctx.Groups.Add(new OrgGroup { Id = "empty", NameZh = "空小组", NameEn = "Empty" });
            await ctx.SaveChangesAsync();
        }
        return new TaskHarness(engine);
    }

    private static OrgUser User(string id, string name, string section, Position position, bool admin = false) =>
        new() { Id = id, Name = name, SectionId = section, Position = position, Title = position.ToString(), IsAdmin = admin };

    /// <summary>A flow: start → one UserTask with <paramref name="userTaskInputs"/> → End(Approved) / End(Rejected) / End(TimedOut).</summary>
    public async Task<string> StartOneStepAsync(string userTaskInputs, string initiator = "staff1", string id = "one-step")
    {
        if (await Engine.Definitions.GetAsync(id) is null)
            await Engine.PublishAsync(new FlowBuilder(id)
                .Field("reason", Definitions.FormFieldType.Text)
                .Activity("start", "Start")
                .Activity("approve", "UserTask", userTaskInputs)
                .Activity("ok", "End", """{ "result": "Approved" }""")
                .Activity("no", "End", """{ "result": "Rejected" }""")
                .Connect("start", "Done", "approve").Connect("approve", "Approved", "ok").Connect("approve", "Rejected", "no")
                .Build());
        return (await Runtime.StartAsync(id, new JsonObject { ["reason"] = "测试" }, initiator)).Id;
    }

    /// <summary>The open tasks of a case.</summary>
    public async Task<List<HumanTask>> OpenAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return ctx.Tasks.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).OrderBy(t => t.Sequence).ToList();
    }

    public async Task<List<HumanTask>> AllTasksAsync(string instanceId)
    {
        await using var ctx = Engine.Db.Create();
        return ctx.Tasks.Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Sequence).ToList();
    }

    public async Task<HumanTask> OpenTaskOfAsync(string instanceId, string user) =>
        (await OpenAsync(instanceId)).Single(t => t.AssigneeId == user);

    public Task ActAsync(string user, string kind, string taskId, string? comment = null, IReadOnlyList<string>? users = null, string? target = null, string? position = null) =>
        Inbox.ActAsync(taskId, new TaskAction(kind, taskId) { Comment = comment, Users = users ?? [], TargetActivityId = target, Position = position },
            new Actor(user, user == "admin"));

    public async Task<WorkflowInstance> InstanceAsync(string id) => (await Engine.GetAsync(id)).Instance;

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
