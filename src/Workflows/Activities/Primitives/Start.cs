namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Where every instance begins; a definition has exactly one.</summary>
[Activity("Start", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "开始", NameEn = "Start",
    DescriptionZh = "流程的起点，每个流程有且仅有一个。", DescriptionEn = "The entry point; every workflow has exactly one.", Icon = "PlayArrow")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class Start : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete(Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
