using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// What changed between two versions of a definition, in words people read: flow properties,
/// activities added / removed / changed (which inputs, names, type, position), connections added /
/// removed, start-form fields and variables. The designer shows it when comparing a version with the draft.
/// </summary>
public sealed record DefinitionDiff(
    IReadOnlyList<DiffLine> Flow,
    IReadOnlyList<DiffLine> Activities,
    IReadOnlyList<DiffLine> Connections,
    IReadOnlyList<DiffLine> FormFields,
    IReadOnlyList<DiffLine> Variables)
{
    /// <summary>True when the two are the same (a move on the canvas counts as a change).</summary>
    public bool IsEmpty => Flow.Count + Activities.Count + Connections.Count + FormFields.Count + Variables.Count == 0;

    /// <summary>Every line, grouped in the order above.</summary>
    public IEnumerable<DiffLine> All => Flow.Concat(Activities).Concat(Connections).Concat(FormFields).Concat(Variables);

    /// <summary>Compares <paramref name="from"/> (e.g. an old version) with <paramref name="to"/> (e.g. the draft).</summary>
    public static DefinitionDiff Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        var flow = new List<DiffLine>();
        if (from.Name != to.Name)
            flow.Add(DiffLine.Changed(null, $"名称：{Text(from.Name)} → {Text(to.Name)}", $"name: {Text(from.Name, true)} → {Text(to.Name, true)}"));
        if (from.Category != to.Category)
            flow.Add(DiffLine.Changed(null, $"分类：{from.Category} → {to.Category}", $"category: {from.Category} → {to.Category}"));
        if (from.Description != to.Description)
            flow.Add(DiffLine.Changed(null, $"说明：{Text(from.Description)} → {Text(to.Description)}", $"description: {Text(from.Description, true)} → {Text(to.Description, true)}"));

        var activities = new List<DiffLine>();
        var oldActivities = ById(from.Activities, a => a.Id);
        var newActivities = ById(to.Activities, a => a.Id);
        foreach (var a in to.Activities.Where(a => !oldActivities.ContainsKey(a.Id)))
            activities.Add(DiffLine.Added(a.Id, $"新增节点“{Label(a)}”（{a.Type}）", $"added activity '{Label(a, true)}' ({a.Type})"));
        foreach (var a in from.Activities.Where(a => !newActivities.ContainsKey(a.Id)))
            activities.Add(DiffLine.Removed(a.Id, $"删除节点“{Label(a)}”（{a.Type}）", $"removed activity '{Label(a, true)}' ({a.Type})"));
        foreach (var b in to.Activities)
        {
            if (!oldActivities.TryGetValue(b.Id, out var a)) continue;
            var what = new List<(string Zh, string En)>();
            if (a.Type != b.Type) what.Add(($"类型 {a.Type} → {b.Type}", $"type {a.Type} → {b.Type}"));
            if (a.DisplayName != b.DisplayName) what.Add(($"名称“{Text(a.DisplayName)}”→“{Text(b.DisplayName)}”", $"name '{Text(a.DisplayName, true)}' → '{Text(b.DisplayName, true)}'"));
            foreach (var name in a.Inputs.Select(p => p.Key).Union(b.Inputs.Select(p => p.Key)))
            {
                var before = a.Inputs[name];
                var after = b.Inputs[name];
                if (JsonNode.DeepEquals(before, after)) continue;
                what.Add(($"{name}: {Show(before)} → {Show(after)}", $"{name}: {Show(before)} → {Show(after)}"));
            }
            var moved = a.Position != b.Position;
            if (what.Count > 0)
                activities.Add(DiffLine.Changed(b.Id, $"修改节点“{Label(b)}”：{string.Join("；", what.Select(w => w.Zh))}",
                    $"changed activity '{Label(b, true)}': {string.Join("; ", what.Select(w => w.En))}"));
            else if (moved)
                activities.Add(new DiffLine(DiffKind.Moved, b.Id, new($"移动节点“{Label(b)}”", $"moved activity '{Label(b, true)}'")));
        }

        var connections = new List<DiffLine>();
        var oldConnections = from.Connections.ToList();
        var newConnections = to.Connections.ToList();
        foreach (var c in to.Connections)
            if (!oldConnections.Remove(c))
                connections.Add(DiffLine.Added(c.Source, $"新增连线 {c.Source} —{c.Outcome}→ {c.Target}", $"added connection {c.Source} —{c.Outcome}→ {c.Target}"));
        foreach (var c in from.Connections)
            if (!newConnections.Remove(c))
                connections.Add(DiffLine.Removed(c.Source, $"删除连线 {c.Source} —{c.Outcome}→ {c.Target}", $"removed connection {c.Source} —{c.Outcome}→ {c.Target}"));

        var fields = new List<DiffLine>();
        var oldFields = ById(from.StartForm, f => f.Key);
        var newFields = ById(to.StartForm, f => f.Key);
        foreach (var f in to.StartForm.Where(f => !oldFields.ContainsKey(f.Key)))
            fields.Add(DiffLine.Added(null, $"新增表单字段“{f.Label.ZhCN}”（{f.Key}）", $"added form field '{f.Label.En}' ({f.Key})"));
        foreach (var f in from.StartForm.Where(f => !newFields.ContainsKey(f.Key)))
            fields.Add(DiffLine.Removed(null, $"删除表单字段“{f.Label.ZhCN}”（{f.Key}）", $"removed form field '{f.Label.En}' ({f.Key})"));
        foreach (var f in to.StartForm)
        {
            if (!oldFields.TryGetValue(f.Key, out var old)) continue;
            var before = JsonSerializer.SerializeToNode(old, WorkflowJson.Options)!.AsObject();
            var after = JsonSerializer.SerializeToNode(f, WorkflowJson.Options)!.AsObject();
            var props = before.Select(p => p.Key).Union(after.Select(p => p.Key)).Where(k => !JsonNode.DeepEquals(before[k], after[k])).ToList();
            if (props.Count > 0)
                fields.Add(DiffLine.Changed(null, $"修改表单字段“{f.Label.ZhCN}”（{f.Key}）：{string.Join("、", props.Select(p => $"{p} {Show(before[p])} → {Show(after[p])}"))}",
                    $"changed form field '{f.Label.En}' ({f.Key}): {string.Join(", ", props.Select(p => $"{p} {Show(before[p])} → {Show(after[p])}"))}"));
        }
        if (fields.Count == 0 && !from.StartForm.Select(f => f.Key).SequenceEqual(to.StartForm.Select(f => f.Key)))
            fields.Add(DiffLine.Changed(null, "调整了表单字段的顺序", "reordered the form fields"));

        var variables = new List<DiffLine>();
        var oldVars = ById(from.Variables, v => v.Name);
        var newVars = ById(to.Variables, v => v.Name);
        foreach (var v in to.Variables.Where(v => !oldVars.ContainsKey(v.Name)))
            variables.Add(DiffLine.Added(null, $"新增变量 {v.Name}（{v.Type}）", $"added variable {v.Name} ({v.Type})"));
        foreach (var v in from.Variables.Where(v => !newVars.ContainsKey(v.Name)))
            variables.Add(DiffLine.Removed(null, $"删除变量 {v.Name}", $"removed variable {v.Name}"));
        foreach (var v in to.Variables)
            if (oldVars.TryGetValue(v.Name, out var old) && (old.Type != v.Type || !JsonNode.DeepEquals(old.Default, v.Default)))
                variables.Add(DiffLine.Changed(null, $"修改变量 {v.Name}：{old.Type} {Show(old.Default)} → {v.Type} {Show(v.Default)}",
                    $"changed variable {v.Name}: {old.Type} {Show(old.Default)} → {v.Type} {Show(v.Default)}"));

        return new DefinitionDiff(flow, activities, connections, fields, variables);
    }

    private static readonly JsonSerializerOptions Compact = new(WorkflowJson.Options) { WriteIndented = false };

    private static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var map = new Dictionary<string, T>();
        foreach (var item in items) map.TryAdd(key(item), item);
        return map;
    }

    private static string Label(ActivityNode a, bool english = false) =>
        a.DisplayName is { } n ? (english && n.En.Length > 0 ? n.En : n.ZhCN) is { Length: > 0 } s ? s : a.Id : a.Id;

    private static string Text(LocalizedText? t, bool english = false) => t is null ? "—" : english && t.En.Length > 0 ? t.En : t.ZhCN;

    private static string Show(JsonNode? n)
    {
        if (n is null) return "—";
        var s = n.ToJsonString(Compact);
        return s.Length > 80 ? s[..77] + "…" : s;
    }
}

/// <summary>One difference, tied to the activity it concerns when there is one.</summary>
public sealed record DiffLine(DiffKind Kind, string? ActivityId, LocalizedText Text)
{
    public static DiffLine Added(string? activity, string zh, string en) => new(DiffKind.Added, activity, new(zh, en));
    public static DiffLine Removed(string? activity, string zh, string en) => new(DiffKind.Removed, activity, new(zh, en));
    public static DiffLine Changed(string? activity, string zh, string en) => new(DiffKind.Changed, activity, new(zh, en));
}

public enum DiffKind { Added, Removed, Changed, Moved }
