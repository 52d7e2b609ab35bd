using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Api.Documents;

/// <summary>
/// <c>/api/documents/numbers</c>: the document numbers issued so far per series and year (公文文号);
/// <c>/api/cases/owners</c>: cases with their owners (首办负责制), all of them for admins, one's own for others.
/// </summary>
public static class DocumentEndpoints
{
    /// <summary>Maps both groups.</summary>
    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/documents").WithTags("Documents").MapGet("/numbers", async (HttpContext http, ApprovalsDb db, int? year) =>
        {
            await Caller.RequireAsync(http);
            await using var ctx = db.Create();
            var q = ctx.DocumentCounters.AsNoTracking();
            if (year is { } y) q = q.Where(c => c.Year == y);
            var rows = await q.OrderByDescending(c => c.Year).ThenBy(c => c.Series).ToListAsync(http.RequestAborted);
            return Results.Ok(new
            {
                items = rows.Select(c => new
                {
                    c.Series, c.Year, c.LastNumber,
                    lastDocNo = c.LastNumber == 0 ? null : $"{c.Series}〔{c.Year.ToString(CultureInfo.InvariantCulture)}〕{c.LastNumber.ToString(CultureInfo.InvariantCulture)}号",
                }),
            });
        }).WithSummary("Document numbers issued so far, per series and year (公文文号)");

        api.MapGroup("/cases").WithTags("Cases").MapGet("/owners", async (HttpContext http, ApprovalsDb db, IOrganization org, string? owner, string? definitionId,
            bool? open, int? page, int? pageSize) =>
        {
            var caller = await Caller.RequireAsync(http);
            // Everyone may list the cases they own; the whole office's list is for admins.
            owner ??= caller.IsAdmin ? null : caller.Id;
            if (owner != caller.Id && !caller.IsAdmin)
                throw ApprovalException.Forbidden("admin-only", "只有管理员可以查看他人的首办案件", "only an administrator may list other people's cases");
            var size = Math.Clamp(pageSize ?? 20, 1, 100);
            var index = Math.Max(page ?? 1, 1);
            await using var ctx = db.Create();
            var q = ctx.Instances.AsNoTracking().Where(i => i.StateJson.Contains("\"caseOwner\""));
            if (open ?? true) q = q.Where(i => i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Faulted);
            if (definitionId is not null) q = q.Where(i => i.DefinitionId == definitionId);
            var rows = await q.OrderByDescending(i => i.CreatedAt).ToListAsync(http.RequestAborted);
            var cases = rows.Select(i => (Instance: i, State: InstanceState.Deserialize(i.StateJson)))
                .Select(x => (x.Instance, x.State, Owner: (x.State.Properties["caseOwner"] as JsonValue)?.ToString()))
                .Where(x => x.Owner is not null && (owner is null || x.Owner == owner))
                .ToList();
            var items = new List<object>();
            foreach (var (instance, state, caseOwner) in cases.Skip((index - 1) * size).Take(size))
                items.Add(new
                {
                    instanceId = instance.Id, instance.DefinitionId, status = instance.Status.ToString(), instance.Result, instance.CreatedAt,
                    title = (state.Input["title"] as JsonValue)?.ToString(), docNo = (state.Properties["docNo"] as JsonValue)?.ToString(),
                    owner = caseOwner, ownerName = (await org.FindUserAsync(caseOwner!, http.RequestAborted))?.Name,
                });
            return Results.Ok(new { total = cases.Count, page = index, pageSize = size, items });
        }).WithSummary("Cases and their owners (首办负责制): admins see all, others the cases they own; open cases by default");
    }
}
