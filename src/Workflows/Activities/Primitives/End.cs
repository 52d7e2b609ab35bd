namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Ends the whole instance, closing any other path still waiting.</summary>
[Activity("End", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "结束", NameEn = "End",
    DescriptionZh = "结束整个流程实例，其他仍在等待的分支一并关闭。可设置结果（如 Approved、Rejected）。",
    DescriptionEn = "Ends the whole instance and closes any other waiting path. May set the result (e.g. Approved, Rejected).", Icon = "Stop")]
public sealed class End : Activity
{
    [Input("流程结果", "Result", DescriptionZh = "显示给用户的结果，如 Approved、Rejected", DescriptionEn = "The result shown to people, e.g. Approved, Rejected")]
    public string? Result { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (!string.IsNullOrWhiteSpace(Result)) context.SetResult(Result);
        context.EndInstance();
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
