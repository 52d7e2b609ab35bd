using Approvals.Workflows.Activities;

namespace Approvals.Workflows.Tasks.Assignment;

/// <summary>
/// Who a UserTask goes to, as written in a definition:
/// <c>{ "strategy": "position", "section": "hr", "position": "Chief" }</c>. Which properties matter
/// depends on the strategy (see <see cref="AssignmentStrategies"/>).
/// </summary>
public sealed class AssignmentRule
{
    public string Strategy { get; set; } = AssignmentStrategies.InitiatorChief;
    /// <summary>For <c>users</c>: user ids.</summary>
    public List<string>? Users { get; set; }
    /// <summary>For <c>position</c> and <c>sectionPool</c>: a section id; for <c>position</c> a field key in <c>input</c> is also accepted as <c>input.key</c>.</summary>
    public string? Section { get; set; }
    /// <summary>For <c>position</c>: Staff, DeputyChief, Chief, DeputyDirector, Director.</summary>
    public string? Position { get; set; }
    /// <summary>For <c>group</c>: a group id.</summary>
    public string? Group { get; set; }
    /// <summary>For <c>sectionPool</c>: give the task straight to the member with the fewest open tasks.</summary>
    public bool AutoAssign { get; set; }
    /// <summary>For <c>expression</c>: JavaScript giving a user id or an array of them.</summary>
    public JsExpression? Expression { get; set; }
}
