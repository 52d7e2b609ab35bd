using System.Text.Json.Nodes;

namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Sets a workflow variable to a literal or the value of an expression.</summary>
[Activity("SetVariable", CategoryZh = "数据", CategoryEn = "Data", NameZh = "设置变量", NameEn = "Set variable",
    DescriptionZh = "把变量设为一个值或表达式的结果。", DescriptionEn = "Sets a variable to a value or an expression's result.", Icon = "DataObject")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class SetVariable : Activity
{
    [Input("变量名", "Variable", Required = true, Order = 1)]
    public string Variable { get; set; } = "";

    [Input("值", "Value", Editor = InputEditors.Expression, Order = 2,
        DescriptionZh = "字面值，或 {\"js\": \"...\"} 表达式", DescriptionEn = "A literal, or a {\"js\": \"...\"} expression")]
    public JsonNode? Value { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Variables[Variable] = Value?.DeepClone();
        context.Complete(Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
