namespace Approvals.Workflows.Expressions;

/// <summary>The sandbox of every expression. Exceeding a limit fails that evaluation, never the host.</summary>
public sealed class ExpressionLimits
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);
    public int MaxStatements { get; set; } = 200_000;
    public long MaxMemoryBytes { get; set; } = 16 * 1024 * 1024;
    public int MaxRecursionDepth { get; set; } = 64;
}
