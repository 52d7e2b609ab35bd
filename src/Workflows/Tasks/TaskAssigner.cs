using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Workflows.Tasks;

/// <summary>Creates the tasks of a step when it starts: finds assignees, applies the step's rules, sets deadlines.</summary>
internal sealed partial class TaskAssigner(StepSession step)
{
    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Placeholder();

    public async Task AssignAsync(CancellationToken ct)
    {
        var cfg = step.Config;
        var ctx = step.Context;
        var strategy = step.Services.GetRequiredService<AssignmentStrategyRegistry>().Find(cfg.Assignment.Strategy)
                       ?? throw new InvalidOperationException($"Unknown assignment strategy '{cfg.Assignment.Strategy}'.");
        var found = await strategy.ResolveAsync(cfg.Assignment, ctx, ct);
        var title = Title();
        var due = step.Services.GetRequiredService<DeadlineCalculator>().DueAt(cfg.Deadline, ctx);

        if (found.PoolSectionId is { } pool && found.Users.Count == 0)
        {
            var task = step.AddTask(title, null, pool, 0, HumanTaskStatus.Open, due?.UtcDateTime);
            step.History("Assigned", task, to: $"pool:{pool}");
            foreach (var member in await step.Org.SectionMembersAsync(pool, ct))
                step.Notify(member, Notifications.NotificationKind.Assigned, title, task.Id);
            step.ScheduleTimers(due);
            return;
        }

        var assignees = new List<(string User, string? OnBehalfOf)>();
        var skipped = new List<string>();
        var lastApprovers = ctx.Properties["lastApprovers"] as JsonArray;
        foreach (var candidate in found.Users.Distinct())
        {
            var user = candidate;
            if ((await step.Org.FindUserAsync(user, ct))?.Active != true) continue;
            if (user == ctx.Initiator && cfg.InitiatorIsAssignee == "skip") { skipped.Add(user); continue; }
            if (user == ctx.Initiator && cfg.InitiatorIsAssignee == "chief") user = await step.Org.ChiefOfAsync(user, ct) ?? user;
            if (cfg.SkipConsecutive && lastApprovers?.Any(a => a?.ToString() == user) == true) { skipped.Add(user); continue; }
            var stand_in = await step.Org.DelegateForAsync(user, ctx.Now, ct);
            if (assignees.All(a => a.User != (stand_in ?? user))) assignees.Add((stand_in ?? user, stand_in is null ? null : user));
        }

        if (assignees.Count == 0 && skipped.Count == 0)
        {
            switch (cfg.NoAssignee)
            {
                case "autoApprove":
                    step.History("AutoApproved", null, "没有找到办理人，按规则自动通过 / nobody found: approved by rule");
                    step.Finish(TaskOutcomes.Approved, null, "没有找到办理人，自动通过");
                    return;
                case "admin" when !string.IsNullOrEmpty(cfg.FallbackAdmin):
                    assignees.Add((cfg.FallbackAdmin, null));
                    break;
                default:
                    throw new InvalidOperationException($"No assignee found for step '{ctx.ActivityId}' (strategy '{cfg.Assignment.Strategy}').");
            }
        }

        var sequence = 0;
        foreach (var user in skipped)
        {
            var auto = step.AddTask(title, user, null, sequence++, HumanTaskStatus.Completed, null);
            step.Close(auto, TaskOutcomes.Approved, user, "按规则自动通过 / approved automatically by rule");
            step.History("AutoApproved", auto, auto.Comment, to: user);
        }
        var sequential = cfg.Mode == StepModes.Sequential;
        var first = true;
        foreach (var (user, onBehalfOf) in assignees)
        {
            var status = !sequential || first ? HumanTaskStatus.Open : HumanTaskStatus.Waiting;
            var task = step.AddTask(title, user, null, sequence++, status, due?.UtcDateTime, onBehalfOf);
            step.History("Assigned", task, to: user, onBehalfOf: onBehalfOf);
            first = false;
        }
        if (StepDecision.Decide(cfg.Mode, cfg.Quorum, step.Tasks) is { } decided)
        {
            step.Finish(decided, null, "按规则自动通过");
            return;
        }
        step.ScheduleTimers(due);
    }

    /// <summary>The step's title with its {{ expressions }} filled in; by default "flow · step".</summary>
    private string Title()
    {
        var ctx = step.Context;
        var template = step.Config.Title;
        if (string.IsNullOrWhiteSpace(template))
            return $"{ctx.Definition.Name.ZhCN} · {ctx.Node.DisplayName?.ZhCN ?? ctx.ActivityId}";
        return Placeholder().Replace(template, m => ctx.Evaluate(new JsExpression(m.Groups[1].Value.Trim()))?.ToString() ?? "");
    }
}
