using System.Text.Json.Nodes;

namespace Approvals.Workflows.Expressions;

/// <summary>The globals an expression sees: <c>input</c>, <c>vars</c>, <c>outputs</c>, <c>initiator</c>, <c>now</c>.</summary>
public sealed record ExpressionGlobals(
    JsonObject Input, JsonObject Vars, JsonObject Outputs, string? Initiator, DateTimeOffset Now)
{
    /// <summary>Empty globals, for syntax checks and tests.</summary>
    public static ExpressionGlobals Empty(DateTimeOffset now) => new([], [], [], null, now);
}
