namespace Approvals.Workflows.Expressions;

/// <summary>The sandbox of every expression. Exceeding a limit fails that evaluation, never the host.</summary>
public sealed class ExpressionLimits
{
    /// <summary>Wall-clock time of one evaluation; a regular expression inside it gets the same limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);
    public int MaxStatements { get; set; } = 200_000;
    /// <summary>Bytes one evaluation may allocate (checked between statements and once more at the end).</summary>
    public long MaxMemoryBytes { get; set; } = 16 * 1024 * 1024;
    public int MaxRecursionDepth { get; set; } = 64;
    /// <summary>
    /// Characters of one expression. Bounds how deeply its syntax can nest, and so how deep the interpreter
    /// recurses over it (the parser probes the stack; evaluating the tree it built does not).
    /// </summary>
    public int MaxSourceLength { get; set; } = 64 * 1024;
    /// <summary>How deeply a value an expression returns may nest (objects and arrays).</summary>
    public int MaxResultDepth { get; set; } = 32;
    /// <summary>
    /// Stack of each evaluation thread. Large enough that anything the memory and statement limits let a
    /// script build can be walked natively; only reserved address space until a deep evaluation touches it.
    /// </summary>
    public int ThreadStackBytes { get; set; } = 256 * 1024 * 1024;
    /// <summary>Evaluation threads (0: one per processor, at least two).</summary>
    public int Threads { get; set; }
}
