using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;

namespace Approvals.Activities.Supervision;

/// <summary>
/// What a supervision item (督办件) keeps on its instance, under <c>Properties.supervision</c>: the owner of
/// record, the original deadline, each return by 督查室 with its comment, and when the item was put on the
/// overdue report. The activities of this area read and write it inside their burst.
/// </summary>
public sealed class SupervisionRecord
{
    /// <summary>The key under <see cref="ActivityContext.Properties"/>.</summary>
    public const string Key = "supervision";

    private readonly JsonObject _data;

    private SupervisionRecord(JsonObject data) => _data = data;

    /// <summary>The record of the instance, created empty on first use.</summary>
    public static SupervisionRecord Of(ActivityContext context)
    {
        if (context.Properties[Key] is not JsonObject data) context.Properties[Key] = data = [];
        return new SupervisionRecord(data);
    }

    /// <summary>The record in a stored instance's properties, or null when the instance is not a supervision item.</summary>
    public static SupervisionRecord? Read(JsonObject properties) => properties[Key] is JsonObject data ? new SupervisionRecord(data) : null;

    /// <summary>The person who submitted the result report (the owner of record; later steps go back to them).</summary>
    public string? Owner
    {
        get => Text("owner");
        set => _data["owner"] = value;
    }

    /// <summary>The title of the owner's first task: how messages about the item name it.</summary>
    public string? ItemTitle
    {
        get => Text("itemTitle");
        set => _data["itemTitle"] = value;
    }

    /// <summary>The deadline the item was given at the start (yyyy-MM-dd), kept when 督查室 sets a new one.</summary>
    public string? OriginalDeadline
    {
        get => Text("originalDeadline");
        set => _data["originalDeadline"] = value;
    }

    /// <summary>How many result reports the owner has submitted.</summary>
    public int Rounds
    {
        get => _data["rounds"]?.GetValue<int>() ?? 0;
        set => _data["rounds"] = value;
    }

    /// <summary>Set while the item is back with the owner after 督查室 returned it: <c>{ at, by, comment, deadline }</c>.</summary>
    public JsonObject? PendingReturn
    {
        get => _data["pendingReturn"] as JsonObject;
        set => _data["pendingReturn"] = value;
    }

    /// <summary>Every return by 督查室, oldest first.</summary>
    public JsonArray Returns => _data["returns"] as JsonArray ?? (JsonArray)(_data["returns"] = new JsonArray());

    /// <summary>When the ladder's report rung first found the work still open (UTC).</summary>
    public DateTime? ReportedOverdueAt
    {
        get => _data["reportedOverdueAt"]?.GetValue<DateTime>();
        set => _data["reportedOverdueAt"] = value;
    }

    /// <summary>When 督查室 accepted the result, and who.</summary>
    public void Verified(DateTime at, string? by)
    {
        _data["verifiedAt"] = at;
        _data["verifiedBy"] = by;
    }

    private string? Text(string key) => _data[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrEmpty(s) ? s : null;
}
