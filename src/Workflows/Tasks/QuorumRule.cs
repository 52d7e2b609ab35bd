namespace Approvals.Workflows.Tasks;

/// <summary>For a quorum step: approvals needed, as a count or a percentage of the assignees (rounded up).</summary>
public sealed class QuorumRule
{
    public int? Count { get; set; }
    public double? Percent { get; set; }

    /// <summary>Approvals needed out of <paramref name="total"/> (at least 1, at most total).</summary>
    public int Needed(int total) => Math.Clamp(Count ?? (int)Math.Ceiling((Percent ?? 50) / 100.0 * total - 1e-9), 1, Math.Max(total, 1));
}
