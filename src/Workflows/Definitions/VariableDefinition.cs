using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>A workflow variable, readable in expressions as <c>vars.name</c>.</summary>
public sealed class VariableDefinition
{
    public string Name { get; set; } = "";
    /// <summary>string, number, boolean, date, datetime, object or array.</summary>
    public string Type { get; set; } = "string";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Default { get; set; }
}
