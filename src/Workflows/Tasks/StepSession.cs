using Approvals.Workflows.Activities;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// One execution or resumption of a UserTask step: its tasks as they are in the database now, and the
/// helpers that change them inside the burst (every change is staged into the burst's one transaction).
/// </summary>
internal sealed class StepSession
{
    private StepSession(UserTask config, ActivityContext context, Bookmark? bookmark, List<HumanTask> tasks, IServiceProvider services)
    {
        Config = config;
        Context = context;
        Bookmark = bookmark;
        Tasks = tasks;
        Org = services.GetRequiredService<IOrganization>();
        Services = services;
        Now = context.Now.UtcDateTime;
    }

    public UserTask Config { get; }
    public ActivityContext Context { get; }
    public Bookmark? Bookmark { get; private set; }
    public List<HumanTask> Tasks { get; }
    public IOrganization Org { get; }
    public IServiceProvider Services { get; }
    public DateTime Now { get; }
    public string? Actor => Context.ActingUser;
    /// <summary>What the approver filled in for the step's result fields, when it has any.</summary>
    public System.Text.Json.Nodes.JsonObject? ResultData { get; set; }

    public static async Task<StepSession> OpenAsync(UserTask config, ActivityContext context, CancellationToken ct)
    {
        var bookmark = context.Stimulus?.Bookmark;
        var tasks = new List<HumanTask>();
        if (bookmark is not null)
        {
            await using var db = context.Services.GetRequiredService<ApprovalsDb>().Create();
            tasks = await db.Tasks.AsNoTracking().Where(t => t.BookmarkId == bookmark.Id).OrderBy(t => t.Sequence).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        }
        return new StepSession(config, context, bookmark, tasks, context.Services);
    }

    public IEnumerable<HumanTask> Pending => Tasks.Where(t => t.Status is HumanTaskStatus.Open or HumanTaskStatus.Waiting);

    public Bookmark EnsureBookmark() => Bookmark ??= Context.CreateBookmark(UserTask.BookmarkName);

    public HumanTask AddTask(string title, string? assignee, string? pool, int sequence, HumanTaskStatus status, DateTime? dueAt,
        string? onBehalfOf = null, string? addedBy = null, string? blocks = null)
    {
        var task = new HumanTask
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = Context.InstanceId, DefinitionId = Context.Definition.Id, ActivityId = Context.ActivityId,
            BookmarkId = EnsureBookmark().Id, Title = title, Initiator = Context.Initiator, AssigneeId = assignee, PoolSectionId = pool,
            OnBehalfOf = onBehalfOf, Sequence = sequence, Status = status, CreatedAt = Now, DueAt = dueAt, AddedBy = addedBy, BlocksTaskId = blocks,
        };
        Tasks.Add(task);
        Context.Stage(task);
        if (status == HumanTaskStatus.Open) Announce(task);
        return task;
    }

    /// <summary>Tells whoever can act on an open task that it is there.</summary>
    public void Announce(HumanTask task)
    {
        if (task.AssigneeId is { } user) Notify(user, NotificationKind.Assigned, task.Title, task.Id);
    }

    public void Update(HumanTask task) => Context.StageUpdate(task);

    public void History(string action, HumanTask? task, string? comment = null, string? from = null, string? to = null, string? onBehalfOf = null) =>
        Context.Stage(new CaseHistory
        {
            InstanceId = Context.InstanceId, TaskId = task?.Id, ActivityId = Context.ActivityId, At = Now, ActorId = Actor,
            Action = action, Comment = comment, FromUserId = from, ToUserId = to, OnBehalfOf = onBehalfOf,
        });

    public void Notify(string userId, NotificationKind kind, string title, string? taskId) =>
        Context.Stage(new Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, Kind = kind, Title = title, InstanceId = Context.InstanceId,
            TaskId = taskId, CreatedAt = Now, NextAttemptAt = Now,
        });

    /// <summary>Closes a task with an outcome.</summary>
    public void Close(HumanTask task, string outcome, string? by, string? comment, HumanTaskStatus status = HumanTaskStatus.Completed)
    {
        task.Status = status;
        task.Outcome = outcome;
        task.CompletedAt = Now;
        task.CompletedBy = by;
        task.Comment = comment;
        Update(task);
    }

    /// <summary>
    /// Ends the step: open tasks are cancelled with a note saying why, the result is stored, and the
    /// activity completes with <paramref name="outcome"/> (or jumps back to <paramref name="jumpTo"/>).
    /// </summary>
    public void Finish(string outcome, string? by, string? comment, string? jumpTo = null)
    {
        foreach (var t in Pending.ToList())
        {
            Close(t, TaskOutcomes.Cancelled, null, $"本步骤已有结果（{OutcomeZh(outcome)}），此任务自动取消 / the step was decided ({outcome})", HumanTaskStatus.Cancelled);
            History("Cancelled", t, t.Comment);
        }
        if (Config.ResultVariable is { Length: > 0 } v)
            Context.Variables[v] = new System.Text.Json.Nodes.JsonObject
            {
                ["outcome"] = outcome, ["by"] = by, ["comment"] = comment, ["data"] = ResultData?.DeepClone(),
            };
        if (outcome == TaskOutcomes.Approved)
            Context.Properties["lastApprovers"] = new System.Text.Json.Nodes.JsonArray(
                Tasks.Where(t => t.Outcome == TaskOutcomes.Approved && t.CompletedBy is not null).Select(t => (System.Text.Json.Nodes.JsonNode?)t.CompletedBy).ToArray());
        History("Step" + outcome, null, comment);
        Config.OnFinished(Context, outcome, Tasks);
        if (jumpTo is not null)
        {
            Context.JumpTo(jumpTo);
            Context.Complete();
        }
        else Context.Complete(outcome);
    }

    /// <summary>Sets the step's deadline, reminder and escalation timers (replacing any it had).</summary>
    public void ScheduleTimers(DateTimeOffset? due)
    {
        if (due is null) return;
        var bookmark = EnsureBookmark();
        Context.ClearTimers(bookmark);
        Context.CreateTimer(bookmark, "due", due.Value);
        if (Config.Deadline?.RemindBefore is { Length: > 0 } before)
        {
            var at = due.Value - System.Xml.XmlConvert.ToTimeSpan(before);
            if (at > Context.Now) Context.CreateTimer(bookmark, "reminder", at);
        }
        var calculator = Services.GetRequiredService<DeadlineCalculator>();
        for (var n = 0; n < (Config.Escalations?.Count ?? 0); n++)
            Context.CreateTimer(bookmark, $"escalate-{n}", calculator.RungAt(Config.Escalations![n], due.Value));
    }

    /// <summary>Deadline, reminder and escalation timers of the step.</summary>
    public async Task OnTimerAsync(string timer, CancellationToken ct)
    {
        var open = Pending.Where(t => t.Status == HumanTaskStatus.Open).ToList();
        if (timer == "reminder")
        {
            foreach (var t in open.Where(t => t.AssigneeId is not null)) Notify(t.AssigneeId!, NotificationKind.Reminder, t.Title, t.Id);
            return;
        }
        if (timer.StartsWith("escalate-", StringComparison.Ordinal) && int.TryParse(timer[9..], out var n) && n < (Config.Escalations?.Count ?? 0))
        {
            await EscalateAsync(Config.Escalations![n], open, ct);
            return;
        }
        foreach (var t in open)
        {
            if (t.AssigneeId is { } a) Notify(a, NotificationKind.Overdue, t.Title, t.Id);
            History("Overdue", t);
        }
        // A step whose designer connected TimedOut ends on its deadline; otherwise it stays open, marked overdue.
        if (Context.Definition.ConnectionsFrom(Context.ActivityId, TaskOutcomes.TimedOut).Any())
            Finish(TaskOutcomes.TimedOut, null, "已超过办理期限 / deadline passed");
    }

    private async Task EscalateAsync(EscalationRung rung, List<HumanTask> open, CancellationToken ct)
    {
        if (open.Count == 0) return;
        if (rung.Report) Context.Properties["reportedOverdue"] = true;
        var sections = (await Org.SectionsAsync(ct)).ToDictionary(s => s.Id);
        foreach (var task in open)
        {
            var assignee = task.AssigneeId;
            // An unclaimed pool task answers to its section's chief and responsible deputy director.
            var pool = task.PoolSectionId is { } p ? sections.GetValueOrDefault(p) : null;
            IEnumerable<string?> targets = rung.To switch
            {
                "assigneeChief" => [assignee is null ? pool?.ChiefId : await Org.ChiefOfAsync(assignee, ct)],
                "deputyDirector" => [assignee is null ? pool?.DeputyDirectorId : await Org.DeputyDirectorOfAsync(assignee, ct)],
                "director" => [await Org.DirectorAsync(ct)],
                "initiatorChief" => [Context.Initiator is null ? null : await Org.ChiefOfAsync(Context.Initiator, ct)],
                _ => rung.Users ?? [],
            };
            foreach (var target in targets.OfType<string>().Where(t => t != assignee).Distinct())
            {
                Notify(target, NotificationKind.Escalated, $"【逾期升级】{task.Title}", task.Id);
                History("Escalated", task, $"逾期未办，已告知 / overdue, escalated ({rung.To})", from: assignee, to: target);
            }
        }
    }

    public async Task<string> NameOfAsync(string? userId, CancellationToken ct) =>
        userId is null ? "系统" : (await Org.FindUserAsync(userId, ct))?.Name ?? userId;

    public static string OutcomeZh(string outcome) => outcome switch
    {
        TaskOutcomes.Approved => "同意",
        TaskOutcomes.Rejected => "驳回",
        TaskOutcomes.Returned => "退回",
        TaskOutcomes.TimedOut => "超时",
        _ => outcome,
    };
}
