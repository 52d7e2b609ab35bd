namespace Approvals.Workflows.Activities.Primitives;

/// <summary>One case of a <see cref="Switch"/>: the outcome taken when the condition holds.</summary>
public sealed class SwitchCase
{
    public string Outcome { get; set; } = "";
    public JsExpression? Condition { get; set; }
}
