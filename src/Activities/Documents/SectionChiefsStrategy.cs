using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Documents;

/// <summary>
/// Assignment strategy <c>sectionChiefs</c>: the chiefs of a list of sections, for 会签 (countersign by
/// other sections). The list comes from <c>expression</c> (an array of section ids or names, or a text
/// such as "财务科、人事科") or from <c>section</c> (the same, written in the definition).
/// <c>{ "strategy": "sectionChiefs", "expression": { "js": "vars.countersignSections" } }</c>.
/// Sections without a chief are skipped (<see cref="CountersignSections"/> refuses them at submission).
/// </summary>
public sealed class SectionChiefsStrategy(IOrganization org) : IAssignmentStrategy
{
    /// <summary>The name used in definitions.</summary>
    public const string StrategyName = "sectionChiefs";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public LocalizedText Label { get; } = new("所列科室的科长（会签）", "Chiefs of the listed sections (countersign)");

    /// <inheritdoc />
    public async Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct)
    {
        var entries = rule.Expression is { } e ? SectionList.Split(context.Evaluate(e)) : SectionList.Split(rule.Section is { } s ? (System.Text.Json.Nodes.JsonNode)s : null);
        var (found, _) = SectionList.Resolve(entries, await org.SectionsAsync(ct));
        var chiefs = found.Select(x => x.ChiefId).OfType<string>().Distinct().ToList();
        return chiefs.Count == 0 ? Assignees.Nobody : new Assignees(chiefs);
    }
}
