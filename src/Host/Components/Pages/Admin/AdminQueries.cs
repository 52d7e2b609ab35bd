using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Components.Pages.Admin;

/// <summary>Read-only queries of the admin pages (instance counts and the instance list).</summary>
public static class AdminQueries
{
    /// <summary>Instances that have not ended (running, waiting or faulted).</summary>
    public static readonly InstanceStatus[] Open = [InstanceStatus.Running, InstanceStatus.Suspended, InstanceStatus.Faulted];

    /// <summary>Open instances per flow and version.</summary>
    public static async Task<Dictionary<(string Flow, int Version), int>> OpenCountsAsync(ApprovalsDb db, string? flowId = null, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var q = ctx.Instances.AsNoTracking().Where(i => Open.Contains(i.Status));
        if (flowId is not null) q = q.Where(i => i.DefinitionId == flowId);
        var rows = await q.GroupBy(i => new { i.DefinitionId, i.DefinitionVersion }).Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.DefinitionId, r.DefinitionVersion), r => r.Count);
    }

    /// <summary>One page of instances, newest first, filtered by flow and status.</summary>
    public static async Task<(int Total, List<WorkflowInstance> Items)> InstancesAsync(ApprovalsDb db, string? flowId, InstanceStatus? status, bool openOnly,
        int page, int pageSize, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var q = ctx.Instances.AsNoTracking();
        if (!string.IsNullOrEmpty(flowId)) q = q.Where(i => i.DefinitionId == flowId);
        if (status is not null) q = q.Where(i => i.Status == status);
        else if (openOnly) q = q.Where(i => Open.Contains(i.Status));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(i => i.CreatedAt).Skip(Math.Max(page, 0) * pageSize).Take(pageSize).ToListAsync(ct);
        return (total, items);
    }

    /// <summary>How many open incidents each instance has.</summary>
    public static async Task<Dictionary<string, int>> OpenIncidentsAsync(ApprovalsDb db, IReadOnlyCollection<string> instanceIds, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        return await ctx.Incidents.AsNoTracking().Where(i => instanceIds.Contains(i.InstanceId) && i.ResolvedAt == null)
            .GroupBy(i => i.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
