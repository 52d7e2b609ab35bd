using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Activities;

namespace Approvals.Activities.Reports;

/// <summary>
/// Fills <c>{{ expression }}</c> placeholders in a text, as UserTask does for titles: each expression is
/// evaluated with the instance's globals (<c>input</c>, <c>vars</c>, <c>outputs</c>, <c>initiator</c>, <c>now</c>);
/// null or undefined gives an empty string, text is inserted as is, anything else as JSON.
/// </summary>
public static partial class TemplateText
{
    [GeneratedRegex(@"\{\{(.+?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    /// <summary>The template with every placeholder replaced through <paramref name="evaluate"/>.</summary>
    public static string Fill(string template, Func<JsExpression, JsonNode?> evaluate) =>
        Placeholder().Replace(template, m => evaluate(new JsExpression(m.Groups[1].Value.Trim())) switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            var other => other.ToJsonString(),
        });

    /// <summary>The template filled with the globals of <paramref name="context"/>.</summary>
    public static string Fill(string template, ActivityContext context) => Fill(template, context.Evaluate);
}
