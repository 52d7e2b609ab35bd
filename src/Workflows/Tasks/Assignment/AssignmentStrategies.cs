using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tasks.Assignment;

/// <summary>The built-in strategies (the names used in definitions) and their registration.</summary>
public static class AssignmentStrategies
{
    public const string Users = "users";
    public const string Position = "position";
    public const string InitiatorChief = "initiatorChief";
    public const string DeputyDirector = "deputyDirector";
    public const string Director = "director";
    public const string Group = "group";
    public const string SectionPool = "sectionPool";
    public const string Expression = "expression";
    public const string Initiator = "initiator";

    /// <summary>All built-ins, for registration.</summary>
    public static IEnumerable<IAssignmentStrategy> BuiltIn(IOrganization org, ApprovalsDb db) =>
    [
        new Strategy(Users, new("指定人员", "Named users"), (r, _, _) => Task.FromResult(new Assignees(r.Users ?? []))),
        new Strategy(Position, new("科室岗位", "Position in a section"), async (r, c, ct) =>
            Enum.TryParse<Position>(r.Position, out var p) && SectionOf(r, c) is { } s ? new Assignees(await org.HoldersAsync(s, p, ct)) : Assignees.Nobody),
        new Strategy(InitiatorChief, new("发起人的科长", "The initiator's chief"), async (_, c, ct) =>
            c.Initiator is { } u && await org.ChiefOfAsync(u, ct) is { } chief ? new Assignees([chief]) : Assignees.Nobody),
        new Strategy(DeputyDirector, new("分管副主任", "Responsible deputy director"), async (_, c, ct) =>
            c.Initiator is { } u && await org.DeputyDirectorOfAsync(u, ct) is { } d ? new Assignees([d]) : Assignees.Nobody),
        new Strategy(Director, new("主任", "The director"), async (_, _, ct) =>
            await org.DirectorAsync(ct) is { } d ? new Assignees([d]) : Assignees.Nobody),
        new Strategy(Group, new("小组成员", "Members of a group"), async (r, _, ct) =>
            r.Group is { } g ? new Assignees(await org.GroupMembersAsync(g, ct)) : Assignees.Nobody),
        new Strategy(SectionPool, new("科室任务池", "Section pool"), async (r, c, ct) =>
        {
            if (SectionOf(r, c) is not { } s) return Assignees.Nobody;
            if (!r.AutoAssign) return new Assignees([], s);
            var members = await org.SectionMembersAsync(s, ct);
            if (members.Count == 0) return Assignees.Nobody;
            await using var ctx = db.Create();
            var load = await ctx.Tasks.Where(t => t.AssigneeId != null && members.Contains(t.AssigneeId) && t.Status == HumanTaskStatus.Open)
                .GroupBy(t => t.AssigneeId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            return new Assignees([members.MinBy(m => (load.GetValueOrDefault(m), m))!]);
        }),
        new Strategy(Expression, new("表达式", "Expression"), (r, c, _) =>
            Task.FromResult(r.Expression is null ? Assignees.Nobody : new Assignees(Ids(c.Evaluate(r.Expression))))),
        new Strategy(Initiator, new("发起人", "The initiator"), (_, c, _) =>
            Task.FromResult(c.Initiator is { } u ? new Assignees([u]) : Assignees.Nobody)),
    ];

    /// <summary>A section id, or <c>input.key</c> naming a form field that holds one.</summary>
    private static string? SectionOf(AssignmentRule r, ActivityContext c) =>
        r.Section is { } s && s.StartsWith("input.", StringComparison.Ordinal) ? c.Input[s[6..]]?.GetValue<string>() : r.Section;

    private static List<string> Ids(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(x => x?.ToString()).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
        JsonValue v when v.ToString() is { Length: > 0 } s => [s],
        _ => [],
    };

    private sealed class Strategy(string name, LocalizedText label, Func<AssignmentRule, ActivityContext, CancellationToken, Task<Assignees>> resolve) : IAssignmentStrategy
    {
        public string Name => name;
        public LocalizedText Label => label;
        public Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct) => resolve(rule, context, ct);
    }
}
