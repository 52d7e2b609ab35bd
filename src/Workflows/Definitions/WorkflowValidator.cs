using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// The rules a definition must pass to be published. Every problem is reported (not just the first),
/// with the activity it concerns, so the designer can mark the nodes.
/// </summary>
public sealed partial class WorkflowValidator(ActivityRegistry registry, IExpressionEvaluator expressions)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex IdPattern();

    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition d)
    {
        var problems = new List<ValidationProblem>();
        void Add(string code, string? activity, string zh, string en) => problems.Add(new(code, activity, new(zh, en)));

        if (!IdPattern().IsMatch(d.Id))
            Add("invalid-id", null, $"流程标识“{d.Id}”无效：只能用小写字母、数字和连字符", $"workflow id '{d.Id}' is invalid: use lower-case letters, digits and hyphens");
        if (string.IsNullOrWhiteSpace(d.Name.ZhCN))
            Add("missing-name", null, "流程缺少中文名称", "the workflow has no Chinese name");

        ValidateForm(d, Add);
        ValidateVariables(d, Add);

        var ids = new HashSet<string>();
        foreach (var a in d.Activities)
        {
            if (string.IsNullOrWhiteSpace(a.Id)) Add("missing-activity-id", null, "有节点缺少标识", "an activity has no id");
            else if (!ids.Add(a.Id)) Add("duplicate-activity-id", a.Id, $"节点标识“{a.Id}”重复", $"activity id '{a.Id}' is used twice");
        }

        var starts = d.Activities.Where(a => a.Type == "Start").ToList();
        if (starts.Count == 0) Add("no-start", null, "流程必须有一个“开始”节点", "the workflow needs one Start activity");
        foreach (var extra in starts.Skip(1))
            Add("multiple-starts", extra.Id, "流程只能有一个“开始”节点", "the workflow may have only one Start activity");

        foreach (var a in d.Activities) ValidateActivity(a, Add);
        ValidateConnections(d, Add);

        if (starts.Count == 1)
        {
            var reachable = Reachable(d, starts[0].Id);
            foreach (var a in d.Activities.Where(a => !reachable.Contains(a.Id)))
                Add("unreachable", a.Id, $"节点“{Label(a)}”从“开始”无法到达", $"activity '{Label(a)}' cannot be reached from Start");
            if (!d.Activities.Any(a => a.Type == "End" && reachable.Contains(a.Id)))
                Add("no-end", null, "从“开始”无法到达任何“结束”节点", "no End activity can be reached from Start");
        }
        return problems;
    }

    private void ValidateActivity(ActivityNode a, Action<string, string?, string, string> add)
    {
        var descriptor = registry.Find(a.Type);
        if (descriptor is null)
        {
            add("unknown-activity-type", a.Id, $"节点“{Label(a)}”的类型“{a.Type}”不存在", $"activity '{Label(a)}' has unknown type '{a.Type}'");
            return;
        }
        foreach (var name in a.Inputs.Select(p => p.Key))
            if (descriptor.Inputs.All(i => i.Name != name))
                add("unknown-input", a.Id, $"节点“{Label(a)}”没有名为“{name}”的输入", $"activity '{Label(a)}' has no input named '{name}'");
        foreach (var input in descriptor.Inputs)
        {
            var value = a.Inputs[input.Name];
            if (IsEmpty(value))
            {
                if (input.Required)
                    add("missing-input", a.Id, $"节点“{Label(a)}”必须填写“{input.Label.ZhCN}”", $"activity '{Label(a)}' needs input '{input.Label.En}'");
                continue;
            }
            if (!JsExpression.TryRead(value, out _) && input.ValueType != "expression")
            {
                var clr = descriptor.ClrType.GetProperties().First(p => string.Equals(p.Name, input.Name, StringComparison.OrdinalIgnoreCase)).PropertyType;
                try { ActivityRegistry.Convert(value, clr, input.Name); }
                catch (InvalidOperationException)
                {
                    add("invalid-input", a.Id, $"节点“{Label(a)}”的“{input.Label.ZhCN}”应为 {input.ValueType} 类型", $"activity '{Label(a)}': input '{input.Label.En}' must be of type {input.ValueType}");
                }
                if (input.Options is { } options && value is JsonValue ov && ov.TryGetValue(out string? chosen) && !options.Contains(chosen))
                    add("invalid-option", a.Id, $"节点“{Label(a)}”的“{input.Label.ZhCN}”只能是 {string.Join("/", options)}", $"activity '{Label(a)}': input '{input.Label.En}' must be one of {string.Join("/", options)}");
            }
            foreach (var (path, expr) in JsExpression.FindAll(value, input.Name))
                if (expressions.CheckSyntax(expr.Source) is { } error)
                    add("expression-syntax", a.Id, $"节点“{Label(a)}”的表达式 {path} 有语法错误：{error}", $"activity '{Label(a)}': expression {path} has a syntax error: {error}");
        }
    }

    private void ValidateConnections(WorkflowDefinition d, Action<string, string?, string, string> add)
    {
        foreach (var c in d.Connections)
        {
            var source = d.FindActivity(c.Source);
            var target = d.FindActivity(c.Target);
            if (source is null)
                add("dangling-connection", target?.Id, $"连线的起点“{c.Source}”不存在", $"a connection starts at '{c.Source}', which does not exist");
            if (target is null)
                add("dangling-connection", source?.Id, $"从“{c.Source}”出发的连线指向不存在的节点“{c.Target}”", $"a connection from '{c.Source}' points to '{c.Target}', which does not exist");
            if (source is null) continue;
            var outcomes = OutcomesOf(source);
            if (outcomes is not null && !outcomes.Contains(c.Outcome))
                add("unknown-outcome", source.Id, $"节点“{Label(source)}”没有出口“{c.Outcome}”（可用：{string.Join("、", outcomes)}）",
                    $"activity '{Label(source)}' has no outcome '{c.Outcome}' (available: {string.Join(", ", outcomes)})");
        }
    }

    /// <summary>The outcomes an activity node can complete with: declared ones plus those named by its outcome input.</summary>
    public IReadOnlyCollection<string>? OutcomesOf(ActivityNode node)
    {
        var descriptor = registry.Find(node.Type);
        if (descriptor is null) return null;
        var outcomes = descriptor.Outcomes.Select(o => o.Name).ToList();
        if (descriptor.OutcomesFromInput is { } inputName && node.Inputs[inputName] is JsonArray items)
            foreach (var item in items)
                if (item is JsonValue v && v.TryGetValue(out string? s)) outcomes.Add(s);
                else if (item is JsonObject o && o["outcome"] is JsonValue ov && ov.TryGetValue(out string? os)) outcomes.Add(os);
        return outcomes;
    }

    private static void ValidateForm(WorkflowDefinition d, Action<string, string?, string, string> add)
    {
        var keys = new HashSet<string>();
        foreach (var f in d.StartForm)
        {
            if (string.IsNullOrWhiteSpace(f.Key)) { add("form-field-key", null, "表单有字段缺少标识", "a form field has no key"); continue; }
            if (!keys.Add(f.Key)) add("form-field-duplicate", null, $"表单字段“{f.Key}”重复", $"form field '{f.Key}' is used twice");
            if (f.Type == FormFieldType.Select && (f.Options is null || f.Options.Count == 0))
                add("form-field-options", null, $"下拉字段“{f.Label.ZhCN}”没有选项", $"select field '{f.Label.En}' has no options");
            if (f.Pattern is not null)
                // It must compile on its own (so "a)|(b" cannot escape the ^(?:…)$ the form wraps it in) and wrapped.
                try { _ = new Regex(f.Pattern, RegexOptions.None, Runtime.FormValidator.PatternTimeout); _ = Runtime.FormValidator.PatternRegex(f.Pattern); }
                catch (ArgumentException e)
                {
                    add("form-field-pattern", null, $"字段“{f.Label.ZhCN}”（{f.Key}）的格式规则不是有效的正则表达式：{e.Message}",
                        $"field '{f.Label.En}' ({f.Key}) has an invalid pattern: {e.Message}");
                }
        }
    }

    private static void ValidateVariables(WorkflowDefinition d, Action<string, string?, string, string> add)
    {
        var names = new HashSet<string>();
        foreach (var v in d.Variables)
            if (string.IsNullOrWhiteSpace(v.Name) || !names.Add(v.Name))
                add("variable-name", null, $"变量名“{v.Name}”为空或重复", $"variable name '{v.Name}' is empty or used twice");
    }

    private static HashSet<string> Reachable(WorkflowDefinition d, string from)
    {
        var seen = new HashSet<string> { from };
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
            foreach (var c in d.Connections.Where(c => c.Source == id))
                if (d.FindActivity(c.Target) is not null && seen.Add(c.Target)) stack.Push(c.Target);
        return seen;
    }

    private static bool IsEmpty(JsonNode? n) =>
        n is null or JsonArray { Count: 0 } || n is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s);

    private static string Label(ActivityNode a) => a.DisplayName?.ZhCN is { Length: > 0 } n ? n : a.Id;
}
