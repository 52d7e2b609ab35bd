using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>Builds small definitions for tests: activities with inputs as JSON text, and connections.</summary>
public sealed class FlowBuilder(string id)
{
    private readonly WorkflowDefinition _d = new() { Id = id, Name = new($"测试流程 {id}", $"Test flow {id}"), Category = "测试" };

    public FlowBuilder Activity(string activityId, string type, string inputsJson = "{}")
    {
        _d.Activities.Add(new ActivityNode
        {
            Id = activityId, Type = type, Inputs = (JsonObject)JsonNode.Parse(inputsJson)!, Position = new(_d.Activities.Count * 200, 100),
        });
        return this;
    }

    public FlowBuilder Connect(string source, string outcome, string target)
    {
        _d.Connections.Add(new Connection(source, outcome, target));
        return this;
    }

    public FlowBuilder Field(string key, FormFieldType type, bool required = false, string? min = null, string? max = null)
    {
        _d.StartForm.Add(new FormField { Key = key, Label = new(key, key), Type = type, Required = required, Min = min, Max = max });
        return this;
    }

    public FlowBuilder Variable(string name, string defaultJson = "null")
    {
        _d.Variables.Add(new VariableDefinition { Name = name, Type = "object", Default = JsonNode.Parse(defaultJson) });
        return this;
    }

    public WorkflowDefinition Build() => WorkflowJson.Clone(_d);
}
