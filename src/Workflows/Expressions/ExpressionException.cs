namespace Approvals.Workflows.Expressions;

/// <summary>An expression that did not compile, threw, or broke a sandbox limit.</summary>
public sealed class ExpressionException(string source, string message, Exception? inner = null)
    : Exception($"{message} — expression: {Shorten(source)}", inner)
{
    /// <summary>The expression text.</summary>
    public string Expression { get; } = source;
    /// <summary>What went wrong, without the expression.</summary>
    public string Reason { get; } = message;

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
