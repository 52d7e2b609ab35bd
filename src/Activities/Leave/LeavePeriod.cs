using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;

namespace Approvals.Activities.Leave;

/// <summary>
/// A leave as instants, read from the start form: <c>[StartsAt, EndsAt)</c>. A <c>date</c> field means the
/// whole day: a start date begins at 00:00 of that day, an end date ends at 24:00 of that day (00:00 of the
/// next), office-local. A <c>datetime</c> field is the instant given (office-local when it has no offset).
/// </summary>
/// <param name="StartsAt">When the leave begins (UTC).</param>
/// <param name="EndsAt">When it ends, exclusive (UTC).</param>
/// <param name="StartIsDate">The start was a whole date, not a time.</param>
/// <param name="StartDate">The office-local first day.</param>
/// <param name="LastDate">The office-local last day the leave touches.</param>
/// <param name="StartText">The start as the form gave it.</param>
/// <param name="EndText">The end as the form gave it.</param>
public sealed record LeavePeriod(DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool StartIsDate, DateOnly StartDate, DateOnly LastDate,
    string StartText, string EndText)
{
    /// <summary>Reads the two fields; refuses (<see cref="ApprovalException"/>) a missing or unreadable value.</summary>
    public static LeavePeriod Read(JsonObject input, WorkflowDefinition definition, string startField, string endField, LeaveDayCounter counter)
    {
        var (startsAt, startIsDate, startText) = ReadField(input, definition, startField, counter, isEnd: false);
        var (endsAt, _, endText) = ReadField(input, definition, endField, counter, isEnd: true);
        var lastDate = DateOnly.FromDateTime(counter.Local(endsAt.AddTicks(-1)));
        return new LeavePeriod(startsAt, endsAt, startIsDate, DateOnly.FromDateTime(counter.Local(startsAt)), lastDate, startText, endText);
    }

    private static (DateTimeOffset At, bool IsDate, string Text) ReadField(JsonObject input, WorkflowDefinition definition, string key, LeaveDayCounter counter, bool isEnd)
    {
        var field = definition.StartForm.Find(f => f.Key == key);
        var label = field?.Label ?? new LocalizedText(key, key);
        var text = input[key] is JsonValue v && v.TryGetValue(out string? s) ? s.Trim() : null;
        if (string.IsNullOrEmpty(text))
            throw ApprovalException.Invalid("leave-date-missing", $"请填写“{label.ZhCN}”", $"'{label.En}' is required");

        // The form says whether it is a date or a time; a field the form does not declare is read by its shape.
        var isDate = field?.Type == FormFieldType.Date || (field?.Type != FormFieldType.DateTime && text.Length == 10);
        if (isDate)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw Unreadable(label, text);
            return (counter.Instant(isEnd ? day.AddDays(1) : day), true, text);
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            throw Unreadable(label, text);
        // No offset in the text: a wall-clock time in the office.
        var at = parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, counter.Zone.GetUtcOffset(parsed)).ToUniversalTime()
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
        return (at, false, text);
    }

    private static ApprovalException Unreadable(LocalizedText label, string text) =>
        ApprovalException.Invalid("leave-date-invalid", $"“{label.ZhCN}”不是有效的日期或时间：{text}", $"'{label.En}' is not a valid date or time: {text}");
}
