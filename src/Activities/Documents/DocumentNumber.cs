using System.Globalization;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Documents;

/// <summary>
/// 公文文号 (rule 3, 印发): assigns the next number of a series and year, e.g. 区政办发〔2026〕12号. Numbers
/// are sequential per series and year with no gaps and no duplicates, also when many documents are issued
/// at once (<see cref="DocumentCounterStore"/>). The number goes to a variable (default <c>docNo</c>), to
/// the outputs (<c>docNo</c>, <c>number</c>, <c>series</c>, <c>year</c>), to the instance property
/// <c>docNo</c> (for lists and reports) and to the case timeline (<c>DocumentNumberAssigned</c>).
/// A case that reaches the step again keeps the number it already holds in that series and year.
/// </summary>
[Activity("DocumentNumber", CategoryZh = "公文", CategoryEn = "Documents", NameZh = "公文文号", NameEn = "Document number",
    DescriptionZh = "按文号系列和年度取下一个文号（如 区政办发〔2026〕12号），连续、不重号、不跳号，并发印发时同样成立；文号存入变量并记入办理过程。",
    DescriptionEn = "Assigns the next number of a series and year (e.g. 区政办发〔2026〕12号): sequential, no gaps, no duplicates, also under concurrent issuance; stored in a variable and the timeline.",
    Icon = "Tag")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class DocumentNumber : Activity
{
    /// <summary>The series used when none is given.</summary>
    public const string DefaultSeries = "区政办发";

    /// <summary>The usual form of a number: 区政办发〔2026〕12号.</summary>
    public const string DefaultFormat = "{series}〔{year}〕{number}号";

    /// <summary>The instance property that keeps the number for lists and reports.</summary>
    public const string Property = "docNo";

    /// <summary>The series (发文字号的机关代字), e.g. 区政办发, 区政办函.</summary>
    [Input("文号系列", "Series", Order = 1, DescriptionZh = "如 区政办发、区政办函；可用表达式 {\"js\": \"input.series\"}", DescriptionEn = "e.g. 区政办发; or {\"js\": \"input.series\"}")]
    public string Series { get; set; } = DefaultSeries;

    /// <summary>The year; empty for the current year in the office's time zone (Asia/Shanghai).</summary>
    [Input("年度", "Year", Editor = InputEditors.Number, Order = 2, DescriptionZh = "留空为当前年度（北京时间）", DescriptionEn = "Empty for the current year (office time)")]
    public int? Year { get; set; }

    /// <summary>How the number is written: <c>{series}</c>, <c>{year}</c>, <c>{number}</c>.</summary>
    [Input("文号格式", "Format", Order = 3, DescriptionZh = "可用 {series}、{year}、{number}", DescriptionEn = "Placeholders {series}, {year}, {number}")]
    public string Format { get; set; } = DefaultFormat;

    /// <summary>The variable that receives the number as written; empty for none.</summary>
    [Input("保存到变量", "Variable", Order = 4)]
    public string? Variable { get; set; } = "docNo";

    /// <summary>The number as written, e.g. 区政办发〔2026〕12号.</summary>
    [Output("文号", "Document number")]
    public string? DocNo { get; private set; }

    /// <summary>The sequence number within the series and year.</summary>
    [Output("序号", "Number")]
    public int Number { get; private set; }

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var series = Series?.Trim();
        if (string.IsNullOrEmpty(series) || series.Length > 50 || series.IndexOfAny(['[', ']', '|']) >= 0)
            throw new InvalidOperationException($"The document number series '{Series}' is empty, longer than 50 characters or contains [ ] |.");
        if (!Format.Contains("{number}", StringComparison.Ordinal))
            throw new InvalidOperationException($"The document number format '{Format}' has no {{number}}.");
        var year = Year ?? LocalYear(context);
        if (year is < 2000 or > 2999) throw new InvalidOperationException($"The document number year {year} is out of range.");

        string Write(int n) => Format.Replace("{series}", series, StringComparison.Ordinal)
            .Replace("{year}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{number}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var (number, reused) = await DocumentCounterStore.ReserveAsync(context.Services.GetRequiredService<ApprovalsDb>(), series, year,
            context.InstanceId, context.ActivityId, context.ActingUser, context.Now.UtcDateTime, Write, CancellationToken.None);
        Number = number;
        DocNo = Write(number);
        if (!string.IsNullOrWhiteSpace(Variable)) context.Variables[Variable] = DocNo;
        context.Properties[Property] = DocNo;
        context.SetOutput("docNo", DocNo);
        context.SetOutput("number", number);
        context.SetOutput("series", series);
        context.SetOutput("year", year);
        if (reused) context.Journal($"kept {DocNo}, already assigned to this case");
        context.Complete(Outcomes.Done);
    }

    /// <summary>The current year in the office's time zone (the calendar's, else Asia/Shanghai).</summary>
    private static int LocalYear(ActivityContext context)
    {
        var zone = context.Services.GetService<IBusinessCalendar>() is BusinessCalendar calendar
            ? calendar.TimeZone
            : TimeZoneInfo.FindSystemTimeZoneById(WorkingHours.DefaultTimeZoneId);
        return TimeZoneInfo.ConvertTime(context.Now, zone).Year;
    }
}
