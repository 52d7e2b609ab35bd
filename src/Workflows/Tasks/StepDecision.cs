namespace Approvals.Workflows.Tasks;

/// <summary>
/// Decides a multi-assignee step from its tasks. Signers added by 加签 must all approve on top of the
/// mode's rule; a rejection by any of them rejects the step.
/// </summary>
public static class StepDecision
{
    /// <summary>Approved, Rejected, or null while undecided.</summary>
    public static string? Decide(string mode, QuorumRule? quorum, IReadOnlyCollection<HumanTask> tasks)
    {
        var original = tasks.Where(t => t.AddedBy is null && t.Outcome != "Transferred").ToList();
        var added = tasks.Where(t => t.AddedBy is not null).ToList();
        if (added.Any(t => t.Outcome == TaskOutcomes.Rejected)) return TaskOutcomes.Rejected;

        var total = original.Count;
        var approvals = original.Count(t => t.Outcome == TaskOutcomes.Approved);
        var rejections = original.Count(t => t.Outcome == TaskOutcomes.Rejected);
        string? result = mode switch
        {
            StepModes.All or StepModes.Sequential => rejections > 0 ? TaskOutcomes.Rejected : approvals == total ? TaskOutcomes.Approved : null,
            StepModes.Quorum => Quorum(quorum ?? new QuorumRule(), total, approvals, rejections),
            _ => rejections > 0 ? TaskOutcomes.Rejected : approvals > 0 ? TaskOutcomes.Approved : null,
        };
        // An approval waits for every added signer; a rejection does not.
        if (result == TaskOutcomes.Approved && added.Any(t => t.Status is HumanTaskStatus.Open or HumanTaskStatus.Waiting)) return null;
        return result;
    }

    private static string? Quorum(QuorumRule rule, int total, int approvals, int rejections)
    {
        var needed = rule.Needed(total);
        if (approvals >= needed) return TaskOutcomes.Approved;
        if (total - rejections < needed) return TaskOutcomes.Rejected; // can no longer reach the quorum
        return null;
    }
}

/// <summary>Outcomes of tasks and UserTask steps.</summary>
public static class TaskOutcomes
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Returned = "Returned";
    public const string TimedOut = "TimedOut";
    public const string Cancelled = "Cancelled";
    public const string Transferred = "Transferred";
}
