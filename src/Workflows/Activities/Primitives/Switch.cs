using System.Text.Json.Nodes;

namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Takes the outcome of the first case whose condition holds, else Default.</summary>
[Activity("Switch", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "多路分支", NameEn = "Switch",
    DescriptionZh = "依次判断各分支条件，走第一个成立的分支；都不成立走“默认”。",
    DescriptionEn = "Follows the first case whose condition holds; Default when none does.", Icon = "AltRoute",
    OutcomesFromInput = "cases")]
[Outcome(Outcomes.Default, "默认", "Default")]
public sealed class Switch : Activity
{
    [Input("分支", "Cases", Required = true, Editor = InputEditors.Cases,
        DescriptionZh = "每个分支：名称（出口）和条件表达式", DescriptionEn = "Each case: its outcome name and a condition expression")]
    public List<SwitchCase> Cases { get; set; } = [];

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        foreach (var c in Cases)
        {
            if (c.Condition is null) continue;
            if (context.Evaluate(c.Condition) is JsonValue v && v.TryGetValue(out bool hit) && hit)
            {
                context.Complete(c.Outcome);
                return ValueTask.CompletedTask;
            }
        }
        context.Complete(Outcomes.Default);
        return ValueTask.CompletedTask;
    }
}
