using System.Text.Json.Nodes;

namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Waits for a named external signal, matched by a correlation key.</summary>
[Activity("WaitForSignal", CategoryZh = "事件", CategoryEn = "Events", NameZh = "等待信号", NameEn = "Wait for signal",
    DescriptionZh = "等待外部系统通过 /api/signals 发送的指定信号（按关联键匹配），收到后继续。",
    DescriptionEn = "Waits for a named signal sent to /api/signals (matched by correlation key), then continues.", Icon = "Sensors")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class WaitForSignal : Activity
{
    /// <summary>Bookmark names of signals start with this.</summary>
    public const string BookmarkPrefix = "Signal:";

    [Input("信号名称", "Signal", Required = true, Order = 1)]
    public string Signal { get; set; } = "";

    [Input("关联键", "Correlation key", Order = 2,
        DescriptionZh = "只接收带此键的信号，可用表达式，如 input.docNo", DescriptionEn = "Only signals with this key; may be an expression such as input.docNo")]
    public string? CorrelationKey { get; set; }

    [Input("结果变量", "Result variable", Order = 3,
        DescriptionZh = "把信号内容存入此变量（可选）", DescriptionEn = "Store the signal payload in this variable (optional)")]
    public string? ResultVariable { get; set; }

    [Output("信号内容", "Payload")]
    public JsonNode? Payload { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CreateBookmark(BookmarkPrefix + Signal, string.IsNullOrEmpty(CorrelationKey) ? null : CorrelationKey);
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityContext context)
    {
        var payload = context.Stimulus?.Payload;
        context.SetOutput("payload", payload?.DeepClone());
        if (!string.IsNullOrEmpty(ResultVariable)) context.Variables[ResultVariable] = payload?.DeepClone();
        context.Complete(Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
