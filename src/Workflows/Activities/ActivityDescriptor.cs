using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Activities;

/// <summary>What the designer and validator know of an activity type; built from its attributes.</summary>
public sealed record ActivityDescriptor(
    string TypeName,
    LocalizedText Category,
    LocalizedText Name,
    LocalizedText Description,
    string Icon,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<OutputDescriptor> Outputs,
    IReadOnlyList<OutcomeDescriptor> Outcomes,
    string? OutcomesFromInput)
{
    /// <summary>The CLR type that implements it (not serialized to clients).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Type ClrType { get; init; } = typeof(object);
}

/// <summary>An input: its name in definitions, labels, value type, editor and whether it is required.</summary>
public sealed record InputDescriptor(
    string Name, LocalizedText Label, LocalizedText Description, string ValueType, string Editor,
    bool Required, JsonNode? Default, IReadOnlyList<string>? Options);

/// <summary>An output the activity publishes for later expressions.</summary>
public sealed record OutputDescriptor(string Name, LocalizedText Label, string ValueType);

/// <summary>A named outcome: a port in the designer, a connection source in definitions.</summary>
public sealed record OutcomeDescriptor(string Name, LocalizedText Label);
