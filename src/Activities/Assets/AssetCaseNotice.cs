using Approvals.Workflows.Activities;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Tasks;

namespace Approvals.Activities.Assets;

/// <summary>What the asset activities write for people: a line in the case's timeline, the requester's result notice.</summary>
internal static class AssetCaseNotice
{
    public static void History(ActivityContext context, string action, string comment) =>
        context.Stage(new CaseHistory
        {
            InstanceId = context.InstanceId, ActivityId = context.ActivityId, At = context.Now.UtcDateTime, ActorId = context.ActingUser,
            Action = action, Comment = comment,
        });

    /// <summary>Tells the requester how the case ended (办结); nothing for a case started by the system.</summary>
    public static void TellRequester(ActivityContext context, string title, string body)
    {
        if (context.Initiator is not { } requester) return;
        var now = context.Now.UtcDateTime;
        context.Stage(new Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = requester, Kind = NotificationKind.Finished, Title = title, Body = body,
            InstanceId = context.InstanceId, CreatedAt = now, NextAttemptAt = now,
        });
    }
}
