namespace Approvals.Workflows.Activities;

/// <summary>
/// Base of every activity. The runtime creates a fresh object per execution, fills its
/// <see cref="InputAttribute"/> properties, then calls <see cref="ExecuteAsync"/>; the activity
/// either completes with outcome(s) or creates a bookmark and waits. A stimulus on one of its
/// bookmarks (a signal, a timer, a person acting on a task) calls <see cref="ResumeAsync"/>.
/// </summary>
public abstract class Activity
{
    /// <summary>Runs the activity. Completing with no call at all means the outcome <c>Done</c>.</summary>
    public abstract ValueTask ExecuteAsync(ActivityContext context);

    /// <summary>Continues after a stimulus on one of this activity's bookmarks; by default completes with <c>Done</c>.</summary>
    public virtual ValueTask ResumeAsync(ActivityContext context)
    {
        context.Complete(Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Outcome names shared by several activities.</summary>
public static class Outcomes
{
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string Default = "Default";
}
