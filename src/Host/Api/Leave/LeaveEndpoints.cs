using Approvals.Activities.Leave;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Api.Leave;

/// <summary><c>/api/leave</c>: 销假 in one call, during the leave (early) or after it.</summary>
public static class LeaveEndpoints
{
    public static void MapLeaveEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/leave/{instanceId}/report-back", async (string instanceId, HttpContext http, IWorkflowRuntime runtime,
            IWorkflowDefinitions definitions, ApprovalsDb db, ITaskInbox inbox, CancellationToken ct) =>
        {
            var caller = await Caller.RequireAsync(http);
            // Someone else's leave is not found (403/409 would tell it exists); an admin may report back for anyone.
            var instance = (await runtime.GetAsync(instanceId, ct))?.Instance;
            if (instance is null || (instance.Initiator != caller.Id && !caller.IsAdmin)) throw LeaveAwaitReturn.NotFound();

            // During the leave: the early return the waiting step accepts (it checks that the caller is the applicant).
            if ((await runtime.SignalAsync(LeaveAwaitReturn.Signal, instanceId, null, caller.Id, ct)).Count > 0)
                return Results.Ok(new { instanceId, early = true });

            // After the leave: the caller's open 销假 task of this case.
            var definition = await definitions.GetPublishedAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            var steps = definition.Activities.Where(a => a.Type == "LeaveReportBack").Select(a => a.Id).ToList();
            await using var ctx = db.Create();
            var task = await ctx.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instanceId && steps.Contains(t.ActivityId)
                                                                              && t.Status == HumanTaskStatus.Open && t.AssigneeId == caller.Id, ct)
                       ?? throw ApprovalException.Conflict("leave-not-reportable", "此请假当前无需由您销假（未在休假中，或已销假）",
                           "there is nothing for you to report back on this leave (not on leave, or already reported back)");
            await inbox.ActAsync(task.Id, new TaskAction(TaskActionKinds.Approve, task.Id) { Comment = "销假 / reported back" },
                new Actor(caller.Id, caller.IsAdmin), ct);
            return Results.Ok(new { instanceId, early = false });
        }).WithTags("Leave").WithSummary("Report back from a leave (销假): early during the leave, or the 销假 task after it");
}
