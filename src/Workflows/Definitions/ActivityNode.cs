using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>An activity placed in a workflow: its type, inputs and position on the canvas.</summary>
public sealed class ActivityNode
{
    public string Id { get; set; } = "";
    /// <summary>The activity type name, as declared by <see cref="Activities.ActivityAttribute"/>.</summary>
    public string Type { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? DisplayName { get; set; }
    /// <summary>
    /// Input values by input name. A value is a JSON literal, or an object whose only property is
    /// <c>js</c> holding a JavaScript expression (<c>{"js": "input.days > 3"}</c>).
    /// </summary>
    public JsonObject Inputs { get; set; } = [];
    public NodePosition Position { get; set; } = new(0, 0);
}

/// <summary>Where the designer draws an activity.</summary>
public sealed record NodePosition(double X, double Y);
