using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks;

namespace Approvals.Activities.Common;

/// <summary>
/// 首办负责制: the case owner kept on the instance (<c>Properties["caseOwner"]</c>) and the timeline rows
/// that record every change of owner. The owner is the person the case comes back to (strategy
/// <c>caseOwner</c>) and whom reports list; handing the case on needs the owner's chief (<see cref="CaseHandOver"/>).
/// </summary>
public static class CaseOwner
{
    /// <summary>The instance property holding the owner's user id.</summary>
    public const string Property = "caseOwner";

    /// <summary>The instance property holding a hand-over request waiting for the chief (<see cref="HandOverRequest"/>).</summary>
    public const string HandOverProperty = "caseHandOver";

    /// <summary>Timeline action: the first owner was recorded.</summary>
    public const string SetAction = "CaseOwnerSet";

    /// <summary>Timeline action: the owner asked to hand the case to someone else.</summary>
    public const string HandOverRequestedAction = "CaseHandOverRequested";

    /// <summary>Timeline action: the owner's chief approved the hand-over; the case has a new owner.</summary>
    public const string ChangedAction = "CaseOwnerChanged";

    /// <summary>Timeline action: the owner's chief refused the hand-over; the owner keeps the case.</summary>
    public const string RefusedAction = "CaseHandOverRefused";

    /// <summary>The recorded owner, or null when none is recorded yet.</summary>
    public static string? Of(ActivityContext context) =>
        context.Properties[Property] is JsonValue v && v.TryGetValue(out string? id) && !string.IsNullOrEmpty(id) ? id : null;

    /// <summary>The recorded owner, or the initiator when none is recorded (the drafter owns what they submit).</summary>
    public static string? OrInitiator(ActivityContext context) => Of(context) ?? context.Initiator;

    /// <summary>Records <paramref name="userId"/> as the owner and adds a timeline row saying so, in the burst's transaction.</summary>
    /// <param name="context">The running activity.</param>
    /// <param name="userId">The new owner.</param>
    /// <param name="action">The timeline action (<see cref="SetAction"/> or <see cref="ChangedAction"/>).</param>
    /// <param name="comment">Why, shown in the timeline.</param>
    /// <param name="taskId">The task that led to it, if any.</param>
    public static void Record(ActivityContext context, string userId, string action, string? comment, string? taskId = null)
    {
        var previous = Of(context);
        context.Properties[Property] = userId;
        context.Stage(new CaseHistory
        {
            InstanceId = context.InstanceId, TaskId = taskId, ActivityId = context.ActivityId, At = context.Now.UtcDateTime,
            ActorId = context.ActingUser, Action = action, Comment = comment, FromUserId = previous, ToUserId = userId,
        });
    }

    /// <summary>Adds a timeline row about the case owner that does not change it (a request, a refusal).</summary>
    public static void Note(ActivityContext context, string action, string? comment, string? from, string? to, string? taskId = null, string? onBehalfOf = null) =>
        context.Stage(new CaseHistory
        {
            InstanceId = context.InstanceId, TaskId = taskId, ActivityId = context.ActivityId, At = context.Now.UtcDateTime,
            ActorId = context.ActingUser, Action = action, Comment = comment, FromUserId = from, ToUserId = to, OnBehalfOf = onBehalfOf,
        });
}
