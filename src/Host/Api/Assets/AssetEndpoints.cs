using System.Net.Http.Headers;
using Approvals.Activities.Assets;
using Approvals.Workflows;
using Approvals.Workflows.Organization;

namespace Approvals.Host.Api.Assets;

/// <summary>
/// <c>/api/assets</c>: the asset register (资产台账) for every signed-in member (search, one asset with its moves,
/// categories), and the CSV import for admins.
/// </summary>
public static class AssetEndpoints
{
    public static void MapAssetEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assets").WithTags("Assets");

        g.MapGet("/", async (HttpContext http, AssetRegister register, IOrganization org, string? section, string? category, string? status, string? q,
            int? page, int? pageSize, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var wanted = string.IsNullOrWhiteSpace(status) ? null
                : AssetStatusText.Parse(status) ?? throw ApprovalException.Invalid("bad-status",
                    $"状态“{status}”无效：应为 InUse、InTransfer 或 Retired", $"the status '{status}' is invalid: InUse, InTransfer or Retired");
            var result = await register.ListAsync(new AssetQuery
            {
                Section = section, Category = category, Status = wanted, Text = q,
                Page = page ?? 1, PageSize = pageSize ?? AssetQuery.DefaultPageSize,
            }, ct);
            var views = await AssetViewBuilder.CreateAsync(org, ct);
            return Results.Ok(new { items = result.Items.Select(views.Asset), total = result.Total, page = result.Page, pageSize = result.PageSize });
        }).WithSummary("Search the register: section, category, status (InUse, InTransfer, Retired), q (code, name or location); paged, in code order");

        g.MapGet("/categories", async (HttpContext http, AssetRegister register, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            return Results.Ok(await register.CategoriesAsync(ct));
        }).WithSummary("The categories in the register");

        g.MapGet("/{code}", async (string code, HttpContext http, AssetRegister register, IOrganization org, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var details = await register.GetAsync(code, ct)
                          ?? throw ApprovalException.NotFound("asset-not-found", $"资产台账中没有编号为“{code}”的资产", $"the register has no asset '{code}'");
            var views = await AssetViewBuilder.CreateAsync(org, ct);
            return Results.Ok(new { asset = views.Asset(details.Asset), moves = details.Moves.Select(views.Move) });
        }).WithSummary("One asset with every move between sections (case, finance filing number, approvers), oldest first");

        g.MapPost("/import", async (HttpRequest request, AssetRegister register, CancellationToken ct) =>
        {
            var admin = await Caller.RequireAdminAsync(request.HttpContext);
            var media = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;
            if (media is not ("text/csv" or "application/csv" or "text/plain"))
                throw ApprovalException.Invalid("unsupported-content-type", $"不支持的内容类型“{request.ContentType}”：请以 text/csv 发送 CSV",
                    $"unsupported content type '{request.ContentType}': send the CSV as text/csv");
            var text = await RequestBody.ReadTextAsync(request, ct);
            return Results.Ok(await register.ImportCsvAsync(text, admin.Id, ct));
        }).WithSummary("Admin: add or update assets from CSV (text/csv, header code,name,category,section,location,value,status); every problem with its line, nothing saved when anything is wrong");
    }
}
