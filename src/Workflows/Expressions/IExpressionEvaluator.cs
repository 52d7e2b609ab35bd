using System.Text.Json.Nodes;

namespace Approvals.Workflows.Expressions;

/// <summary>Evaluates the JavaScript expressions in definitions.</summary>
public interface IExpressionEvaluator
{
    /// <summary>The value of <paramref name="source"/> as JSON (undefined gives null); throws <see cref="ExpressionException"/>.</summary>
    JsonNode? Evaluate(string source, ExpressionGlobals globals);

    /// <summary>Null when <paramref name="source"/> compiles, else the syntax error.</summary>
    string? CheckSyntax(string source);
}
