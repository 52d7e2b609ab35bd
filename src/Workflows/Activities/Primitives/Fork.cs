namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Starts several parallel branches, one outcome per branch.</summary>
[Activity("Fork", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "并行分支", NameEn = "Fork",
    DescriptionZh = "同时开始多个并行分支，每个分支一个出口。", DescriptionEn = "Starts parallel branches, one outcome each.", Icon = "ForkRight",
    OutcomesFromInput = "branches")]
public sealed class Fork : Activity
{
    [Input("分支名称", "Branches", Required = true, Editor = InputEditors.Json,
        DescriptionZh = "分支（出口）名称列表，如 [\"A\",\"B\"]", DescriptionEn = "Branch (outcome) names, e.g. [\"A\",\"B\"]")]
    public List<string> Branches { get; set; } = ["Branch1", "Branch2"];

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete([.. Branches]);
        return ValueTask.CompletedTask;
    }
}
