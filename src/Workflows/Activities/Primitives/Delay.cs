using System.Xml;

namespace Approvals.Workflows.Activities.Primitives;

/// <summary>Waits for a duration or until a time, on a durable timer.</summary>
[Activity("Delay", CategoryZh = "时间", CategoryEn = "Time", NameZh = "延时", NameEn = "Delay",
    DescriptionZh = "等待一段时间或到某个时间点后继续（持久化定时器，重启不丢失）。",
    DescriptionEn = "Waits for a duration or until a time (a durable timer that survives restarts).", Icon = "HourglassTop")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class Delay : Activity
{
    [Input("时长", "Duration", Editor = InputEditors.Duration, Order = 1,
        DescriptionZh = "ISO 8601 时长，如 PT2H、P1D", DescriptionEn = "An ISO 8601 duration, e.g. PT2H, P1D")]
    public string? Duration { get; set; }

    [Input("直到", "Until", Editor = InputEditors.DateTime, Order = 2,
        DescriptionZh = "到这个时间点继续（优先于时长）", DescriptionEn = "Continue at this time (wins over Duration)")]
    public DateTimeOffset? Until { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var due = Until ?? context.Now + ParseDuration(Duration);
        if (due <= context.Now)
        {
            context.Complete(Outcomes.Done);
            return ValueTask.CompletedTask;
        }
        var bookmark = context.CreateBookmark("Delay");
        context.CreateTimer(bookmark, "due", due);
        return ValueTask.CompletedTask;
    }

    /// <summary>An ISO 8601 duration (<c>PT2H</c>); throws with the input's name when it is not one.</summary>
    public static TimeSpan ParseDuration(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso)) throw new InvalidOperationException("Delay needs a Duration or an Until.");
        try { return XmlConvert.ToTimeSpan(iso); }
        catch (FormatException) { throw new InvalidOperationException($"'{iso}' is not an ISO 8601 duration such as PT2H or P1D."); }
    }
}
