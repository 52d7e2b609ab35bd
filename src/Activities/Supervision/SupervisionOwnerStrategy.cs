using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Supervision;

/// <summary>
/// 督办责任人: who owns a supervision item. In order: the owner of record (the person who already submitted
/// a result report for this item, so a returned item and its progress reports go back to them); else the
/// person the <c>expression</c> names (usually <c>input.owner</c>); else the chief of the responsible
/// section named by <c>section</c> (a section id or <c>input.key</c>).
/// <c>{ "strategy": "supervisionOwner", "expression": { "js": "input.owner" }, "section": "input.section" }</c>.
/// </summary>
public sealed class SupervisionOwnerStrategy(IOrganization org) : IAssignmentStrategy
{
    /// <summary>The strategy name used in definitions.</summary>
    public const string StrategyName = "supervisionOwner";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public LocalizedText Label { get; } = new("督办责任人（未指定时为责任科室科长）", "Supervision owner (else the responsible section's chief)");

    /// <inheritdoc />
    public async Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct)
    {
        if (SupervisionRecord.Read(context.Properties)?.Owner is { } owner && await IsActiveAsync(owner, ct)) return new Assignees([owner]);
        if (rule.Expression is not null && FirstId(context.Evaluate(rule.Expression)) is { } named && await IsActiveAsync(named, ct))
            return new Assignees([named]);
        if (SectionOf(rule, context) is { } section)
        {
            var chiefs = await org.HoldersAsync(section, Position.Chief, ct);
            if (chiefs.Count > 0) return new Assignees([chiefs[0]]);
        }
        return Assignees.Nobody;
    }

    private async Task<bool> IsActiveAsync(string userId, CancellationToken ct) => (await org.FindUserAsync(userId, ct))?.Active == true;

    private static string? SectionOf(AssignmentRule rule, ActivityContext context) =>
        rule.Section is { Length: > 0 } s && s.StartsWith("input.", StringComparison.Ordinal)
            ? context.Input[s[6..]] is JsonValue v && v.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id) ? id : null
            : string.IsNullOrWhiteSpace(rule.Section) ? null : rule.Section;

    private static string? FirstId(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(x => x?.ToString()).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x)),
        JsonValue v when v.ToString() is { Length: > 0 } s => s,
        _ => null,
    };
}
