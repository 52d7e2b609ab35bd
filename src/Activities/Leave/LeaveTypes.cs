using Approvals.Workflows.Definitions;

namespace Approvals.Activities.Leave;

/// <summary>The leave types of the 请销假 form (its <c>leaveType</c> options), for reports and records.</summary>
public static class LeaveTypes
{
    /// <summary>Value → label, in the form's order.</summary>
    public static readonly IReadOnlyList<(string Value, LocalizedText Label)> All =
    [
        ("annual", new("年休假", "Annual leave")),
        ("personal", new("事假", "Personal leave")),
        ("sick", new("病假", "Sick leave")),
        ("marriage", new("婚假", "Marriage leave")),
        ("maternity", new("产假", "Maternity leave")),
        ("bereavement", new("丧假", "Bereavement leave")),
        ("compensatory", new("调休", "Compensatory time off")),
    ];

    /// <summary>The label of a type; the value itself for a type a flow added.</summary>
    public static LocalizedText Label(string value) =>
        All.FirstOrDefault(t => t.Value == value).Label ?? new LocalizedText(value, value);

    /// <summary>Position in the form's order (unknown types last), for sorting report lines.</summary>
    public static int Order(string value)
    {
        for (var i = 0; i < All.Count; i++) if (All[i].Value == value) return i;
        return All.Count;
    }
}
