using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// Who may see what. A case is visible to its initiator, to everyone who has or had a task in it
/// (assignee, delegate, the person a stand-in acts for, pool members), to people it was copied to, and
/// to admins. A task is visible to the people who can act on it, its initiator and admins.
/// </summary>
public sealed class CaseAccess(ApprovalsDb db, IOrganization org)
{
    public async Task<bool> CanSeeCaseAsync(WorkflowInstance instance, Actor actor, CancellationToken ct)
    {
        if (actor.IsAdmin || instance.Initiator == actor.Id) return true;
        var section = (await org.FindUserAsync(actor.Id, ct))?.SectionId;
        await using var ctx = db.Create();
        var me = actor.Id;
        return await ctx.Tasks.AnyAsync(t => t.InstanceId == instance.Id &&
                   (t.AssigneeId == me || t.CompletedBy == me || t.DelegatedTo == me || t.OnBehalfOf == me || t.AddedBy == me
                    || (t.PoolSectionId != null && t.PoolSectionId == section)), ct)
               || await ctx.CarbonCopies.AnyAsync(c => c.InstanceId == instance.Id && c.UserId == me, ct);
    }

    public async Task<bool> CanSeeTaskAsync(HumanTask task, Actor actor, CancellationToken ct)
    {
        var me = actor.Id;
        if (actor.IsAdmin || task.AssigneeId == me || task.DelegatedTo == me || task.OnBehalfOf == me || task.Initiator == me
            || task.CompletedBy == me || task.AddedBy == me) return true;
        return task.PoolSectionId is { } pool && (await org.FindUserAsync(me, ct))?.SectionId == pool;
    }
}
