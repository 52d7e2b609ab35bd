using System.Text.Json;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tasks;

/// <summary>Reads a UserTask node's literal inputs for the inbox (what the step shows and allows), without running it.</summary>
internal static class StepInputs
{
    public static Dictionary<string, string> FieldPermissions(ActivityNode? node) =>
        node?.Inputs["fieldPermissions"]?.Deserialize<Dictionary<string, string>>() ?? [];

    public static IReadOnlyList<string> AllowedActions(ActivityNode? node) =>
        node?.Inputs["allowedActions"]?.Deserialize<List<string>>() ?? [.. TaskActionKinds.Default];

    public static IReadOnlyList<FormField> ResultFields(ActivityNode? node) =>
        node?.Inputs["resultFields"]?.Deserialize<List<FormField>>(WorkflowJson.Options) ?? [];

    public static string? Instructions(ActivityNode? node) => node?.Inputs["instructions"]?.ToString();
}
