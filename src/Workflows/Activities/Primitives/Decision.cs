namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Takes the True or the False path by a condition.</summary>
[Activity("Decision", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "条件判断", NameEn = "Decision",
    DescriptionZh = "按 JavaScript 条件走“是”或“否”分支。", DescriptionEn = "Follows True or False by a JavaScript condition.", Icon = "CallSplit")]
[Outcome(Outcomes.True, "是", "True")]
[Outcome(Outcomes.False, "否", "False")]
public sealed class Decision : Activity
{
    [Input("条件", "Condition", Required = true, Editor = InputEditors.Expression,
        DescriptionZh = "返回 true/false 的表达式，如 input.days > 3", DescriptionEn = "An expression giving true/false, e.g. input.days > 3")]
    public bool Condition { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete(Condition ? Outcomes.True : Outcomes.False);
        return ValueTask.CompletedTask;
    }
}
