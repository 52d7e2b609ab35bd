namespace Approvals.Workflows.Activities;

/// <summary>The editors the designer's property panel knows; an input names one of them.</summary>
public static class InputEditors
{
    public const string Text = "text";
    public const string Multiline = "multiline";
    public const string Number = "number";
    public const string Switch = "switch";
    public const string Select = "select";
    /// <summary>An ISO-8601 duration such as <c>PT2H</c> or <c>P1D</c>.</summary>
    public const string Duration = "duration";
    public const string DateTime = "datetime";
    /// <summary>JavaScript, checked by the designer and at publish.</summary>
    public const string Expression = "expression";
    /// <summary>A list of Switch cases: <c>[{ "outcome": "…", "condition": { "js": "…" } }]</c>.</summary>
    public const string Cases = "cases";
    /// <summary>Variable assignments: <c>{ "name": value-or-expression }</c>.</summary>
    public const string Assignments = "assignments";
    public const string Json = "json";
    public const string Users = "users";
    public const string Section = "section";
    public const string Group = "group";
    public const string Position = "position";
    public const string DeadlineRule = "deadline-rule";
    /// <summary>An assignment rule for UserTask (strategy and its parameters).</summary>
    public const string Assignment = "assignment";
    /// <summary>A list of task actions a step allows.</summary>
    public const string Actions = "actions";
    public const string FieldPermissions = "field-permissions";
}
