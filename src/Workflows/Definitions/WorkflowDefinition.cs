using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// A workflow as it is stored in <c>workflows/*.json</c> and edited by the designer: a flowchart of
/// activities joined by outcome → activity connections, with a start form and variables.
/// Property order here is the order in the file, so saving a loaded file reproduces it.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Stable identifier (a slug such as <c>leave-request</c>); versions share it.</summary>
    public string Id { get; set; } = "";
    /// <summary>Version number this text was exported from; the store assigns versions on publish.</summary>
    public int Version { get; set; } = 1;
    public LocalizedText Name { get; set; } = new("", "");
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Description { get; set; }
    public string Category { get; set; } = "";
    public List<VariableDefinition> Variables { get; set; } = [];
    public List<FormField> StartForm { get; set; } = [];
    public List<ActivityNode> Activities { get; set; } = [];
    public List<Connection> Connections { get; set; } = [];

    /// <summary>The activity with this id, or null.</summary>
    public ActivityNode? FindActivity(string id) => Activities.Find(a => a.Id == id);

    /// <summary>Connections leaving <paramref name="activityId"/> through <paramref name="outcome"/>.</summary>
    public IEnumerable<Connection> ConnectionsFrom(string activityId, string outcome) =>
        Connections.Where(c => c.Source == activityId && c.Outcome == outcome);
}
