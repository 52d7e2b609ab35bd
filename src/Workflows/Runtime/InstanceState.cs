using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Runtime;

/// <summary>The data an instance carries between bursts.</summary>
public sealed class InstanceState
{
    /// <summary>The start form as submitted (<c>input</c> in expressions).</summary>
    public JsonObject Input { get; set; } = [];
    /// <summary>Workflow variables (<c>vars</c> in expressions).</summary>
    public JsonObject Variables { get; set; } = [];
    /// <summary>Outputs by activity id (<c>outputs.&lt;id&gt;</c> in expressions).</summary>
    public JsonObject Outputs { get; set; } = [];
    /// <summary>For each Join, the sources that have arrived since it last fired.</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = [];
    /// <summary>Work not yet executed when a burst stopped on a fault; a retry runs it.</summary>
    public List<WorkItem> Scheduled { get; set; } = [];
    /// <summary>Domain data that extensions keep on the instance (e.g. the case owner).</summary>
    public JsonObject Properties { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);
    public static InstanceState Deserialize(string json) => JsonSerializer.Deserialize<InstanceState>(json, Json) ?? new();
}

/// <summary>An activity scheduled to run, and the connection that scheduled it.</summary>
public sealed record WorkItem(string ActivityId, string? FromActivityId = null, string? Outcome = null);
