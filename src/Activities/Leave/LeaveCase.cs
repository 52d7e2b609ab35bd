using System.Globalization;
using System.Text.Json.Nodes;

namespace Approvals.Activities.Leave;

/// <summary>
/// What a leave case keeps on its instance (<c>Properties.leave</c>): the period and length the check
/// computed, the hand-over colleague, and the rows HR filing created. Later leave steps read it from here.
/// </summary>
public sealed class LeaveCase
{
    /// <summary>The key under the instance's properties.</summary>
    public const string PropertyName = "leave";

    public DateTimeOffset StartsAt { get; set; }
    /// <summary>Exclusive end (UTC).</summary>
    public DateTimeOffset EndsAt { get; set; }
    public decimal WorkingDays { get; set; }
    /// <summary><c>Chief</c>, <c>Deputy</c> or <c>Director</c>.</summary>
    public string Route { get; set; } = "";
    public string? HandOver { get; set; }
    /// <summary>The <see cref="Approvals.Workflows.Office.LeaveRecord"/> HR filed, once filed.</summary>
    public string? RecordId { get; set; }
    /// <summary>The out-of-office period HR filing created, if any.</summary>
    public string? OutOfOfficeId { get; set; }

    /// <summary>The case of an instance, or null before the check has run.</summary>
    public static LeaveCase? Read(JsonObject properties)
    {
        if (properties[PropertyName] is not JsonObject o) return null;
        return new LeaveCase
        {
            StartsAt = DateTimeOffset.Parse(o["startsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            EndsAt = DateTimeOffset.Parse(o["endsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            WorkingDays = o["workingDays"]!.GetValue<decimal>(),
            Route = o["route"]?.GetValue<string>() ?? "",
            HandOver = o["handOver"]?.GetValue<string>(),
            RecordId = o["recordId"]?.GetValue<string>(),
            OutOfOfficeId = o["outOfOfficeId"]?.GetValue<string>(),
        };
    }

    /// <summary>The case of an instance; a flow without a check before this step is a design error (an incident).</summary>
    public static LeaveCase Require(JsonObject properties, string activityType) =>
        Read(properties) ?? throw new InvalidOperationException(
            $"{activityType} needs a LeaveAdvanceCheck (事前请假检查) earlier in the flow: no leave period is recorded on this case.");

    /// <summary>Stores the case on the instance.</summary>
    public void Write(JsonObject properties) => properties[PropertyName] = new JsonObject
    {
        ["startsAt"] = StartsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["endsAt"] = EndsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["workingDays"] = WorkingDays,
        ["route"] = Route,
        ["handOver"] = HandOver,
        ["recordId"] = RecordId,
        ["outOfOfficeId"] = OutOfOfficeId,
    };
}
