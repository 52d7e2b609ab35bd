namespace Approvals.Workflows.Activities;

/// <summary>Declares an activity type: its unique type name, toolbox category, names and description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName) : Attribute
{
    /// <summary>The name used in definition files (<c>"type": "Decision"</c>); never change it once shipped.</summary>
    public string TypeName { get; } = typeName;
    /// <summary>Toolbox group in Chinese and English, e.g. "流程控制" / "Flow".</summary>
    public string CategoryZh { get; init; } = "其他";
    public string CategoryEn { get; init; } = "Other";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string DescriptionZh { get; init; } = "";
    public string DescriptionEn { get; init; } = "";
    /// <summary>A Material icon name for the toolbox.</summary>
    public string Icon { get; init; } = "Extension";
    /// <summary>
    /// When set, the activity's outcomes also come from this input (a list of objects with an
    /// <c>outcome</c> property), as in Switch.
    /// </summary>
    public string? OutcomesFromInput { get; init; }
}

/// <summary>Declares one outcome of an activity, shown as a labelled port in the designer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class OutcomeAttribute(string name, string nameZh, string nameEn) : Attribute
{
    public string Name { get; } = name;
    public string NameZh { get; } = nameZh;
    public string NameEn { get; } = nameEn;
}

/// <summary>
/// Marks a property as an input. The runtime fills it before execution from the node's literal value
/// or by evaluating its JavaScript expression; a property of type <see cref="JsExpression"/> receives
/// the expression unevaluated, for activities that evaluate it themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string nameZh, string nameEn) : Attribute
{
    public string NameZh { get; } = nameZh;
    public string NameEn { get; } = nameEn;
    public string DescriptionZh { get; init; } = "";
    public string DescriptionEn { get; init; } = "";
    public bool Required { get; init; }
    /// <summary>How the designer edits it; one of <see cref="InputEditors"/>.</summary>
    public string Editor { get; init; } = InputEditors.Text;
    /// <summary>For <see cref="InputEditors.Select"/>: the allowed values.</summary>
    public string[]? Options { get; init; }
    /// <summary>Order in the property panel.</summary>
    public int Order { get; init; }
}

/// <summary>Marks a property whose value the activity publishes as <c>outputs.&lt;activityId&gt;.&lt;name&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string nameZh, string nameEn) : Attribute
{
    public string NameZh { get; } = nameZh;
    public string NameEn { get; } = nameEn;
}
