using System.Globalization;
using System.Xml;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// Turns a step's deadline rule into a time. Kinds: <c>duration</c> (ISO 8601, calendar time);
/// with the working-day calendar also <c>workingHours</c> (a number), <c>workingDays</c> (a number),
/// <c>endOfWorkingDay</c> (文不过夜; <c>value</c> may be a cut-off "HH:mm" after which it means the next
/// working day) and <c>field</c> (<c>value</c> names a date/datetime field of the start form).
/// </summary>
public sealed class DeadlineCalculator(IBusinessCalendar? calendar = null)
{
    public DateTimeOffset? DueAt(DeadlineRule? rule, ActivityContext context) => rule is null ? null : DueAt(rule, context.Now, context.Input);

    public DateTimeOffset? DueAt(DeadlineRule rule, DateTimeOffset now, System.Text.Json.Nodes.JsonObject input)
    {
        var value = rule.Value;
        return rule.Kind switch
        {
            "duration" => now + XmlConvert.ToTimeSpan(value ?? throw Missing(rule)),
            "workingHours" => Calendar(rule).AddWorkingHours(now, TimeSpan.FromHours(double.Parse(value ?? throw Missing(rule), CultureInfo.InvariantCulture))),
            "workingDays" => Calendar(rule).AddWorkingDays(now, int.Parse(value ?? throw Missing(rule), CultureInfo.InvariantCulture)),
            "endOfWorkingDay" => string.IsNullOrEmpty(value)
                ? Calendar(rule).EndOfWorkingDay(now)
                : Calendar(rule).EndOfWorkingDay(now, TimeOnly.ParseExact(value, "HH:mm", CultureInfo.InvariantCulture)),
            "field" => input[value ?? throw Missing(rule)]?.ToString() is { Length: > 0 } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) && calendar is not null
                    ? calendar.EndOfWorkingDay(new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.FromHours(8)))
                    : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)
                : null,
            _ => throw new InvalidOperationException($"Unknown deadline kind '{rule.Kind}'."),
        };
    }

    /// <summary>When an escalation rung fires, relative to the step's deadline.</summary>
    public DateTimeOffset RungAt(EscalationRung rung, DateTimeOffset due) => rung.After switch
    {
        "deadline" => due,
        "duration" => due + XmlConvert.ToTimeSpan(rung.Value ?? "PT0S"),
        "workingHours" => (calendar ?? throw NoCalendar(rung.After)).AddWorkingHours(due, TimeSpan.FromHours(double.Parse(rung.Value ?? "0", CultureInfo.InvariantCulture))),
        "workingDays" => (calendar ?? throw NoCalendar(rung.After)).AddWorkingDays(due, int.Parse(rung.Value ?? "0", CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"Unknown escalation rung '{rung.After}'."),
    };

    private static InvalidOperationException NoCalendar(string kind) =>
        new($"'{kind}' needs the working-day calendar, which is not configured.");

    private IBusinessCalendar Calendar(DeadlineRule rule) =>
        calendar ?? throw new InvalidOperationException($"The deadline kind '{rule.Kind}' needs the working-day calendar, which is not configured.");

    private static InvalidOperationException Missing(DeadlineRule rule) => new($"The deadline kind '{rule.Kind}' needs a value.");
}
