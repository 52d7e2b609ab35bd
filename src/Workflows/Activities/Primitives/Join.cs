namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Merges parallel branches: waits for all of them, or goes on with the first and closes the rest.</summary>
[Activity("Join", CategoryZh = "流程控制", CategoryEn = "Flow", NameZh = "汇聚", NameEn = "Join",
    DescriptionZh = "合并并行分支：等待全部到达，或第一个到达即继续并关闭其余分支。",
    DescriptionEn = "Merges branches: wait for all, or continue with the first and close the others.", Icon = "CallMerge")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class Join : Activity
{
    public const string WaitAll = "WaitAll";
    public const string WaitAny = "WaitAny";

    [Input("汇聚方式", "Mode", Editor = InputEditors.Select, Options = [WaitAll, WaitAny],
        DescriptionZh = "WaitAll：全部到达；WaitAny：任一到达", DescriptionEn = "WaitAll: every branch; WaitAny: the first")]
    public string Mode { get; set; } = WaitAll;

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var arrived = context.JoinArrivals();
        if (context.ArrivedFrom is { } from && !arrived.Contains(from)) arrived.Add(from);
        var inbound = context.Definition.Connections.Where(c => c.Target == context.ActivityId).Select(c => c.Source).ToHashSet();
        if (Mode == WaitAny)
        {
            arrived.Clear();
            context.CancelBranchesInto(except: context.ArrivedFrom);
            context.Complete(Outcomes.Done);
        }
        else if (inbound.IsSubsetOf(arrived))
        {
            arrived.Clear();
            context.Complete(Outcomes.Done);
        }
        else context.Wait();
        return ValueTask.CompletedTask;
    }
}
