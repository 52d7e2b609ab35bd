using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Organization;

namespace Approvals.Host.Api.Org;

/// <summary>
/// <c>/api/org</c>: the organisation for every signed-in member (sections, users, groups), import for admins,
/// and out-of-office periods (one's own; admins anyone's).
/// </summary>
public static class OrgEndpoints
{
    public static void MapOrgEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org").WithTags("Organisation");

        g.MapGet("/", async (HttpContext http, IOrganization org, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var (users, sections, groups) = (await org.UsersAsync(ct), await org.SectionsAsync(ct), await org.GroupsAsync(ct));
            var views = new OrgViewBuilder(users, sections);
            return Results.Ok(new { sections = sections.Select(views.Section), users = users.Select(views.User), groups = groups.Select(views.Group) });
        }).WithSummary("Sections (with chief and responsible deputy director), users and groups");

        g.MapGet("/users/{id}", async (string id, HttpContext http, IOrganization org, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var user = await org.FindUserAsync(id, ct)
                       ?? throw ApprovalException.NotFound("user-not-found", $"用户“{id}”不存在", $"user '{id}' does not exist");
            var views = await OrgViewBuilder.CreateAsync(org, ct);
            return Results.Ok(new
            {
                user = views.User(user),
                chiefId = await org.ChiefOfAsync(id, ct),
                deputyDirectorId = await org.DeputyDirectorOfAsync(id, ct),
            });
        }).WithSummary("One user, with the person one level up and the responsible deputy director");

        g.MapGet("/sections", async (HttpContext http, IOrganization org, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var views = await OrgViewBuilder.CreateAsync(org, ct);
            return Results.Ok((await org.SectionsAsync(ct)).Select(views.Section));
        }).WithSummary("Sections in their order");

        g.MapGet("/groups", async (HttpContext http, IOrganization org, CancellationToken ct) =>
        {
            await Caller.RequireAsync(http);
            var views = await OrgViewBuilder.CreateAsync(org, ct);
            return Results.Ok((await org.GroupsAsync(ct)).Select(views.Group));
        }).WithSummary("Groups with their members");

        g.MapPost("/import", async (HttpRequest request, OrgImporter importer, CancellationToken ct) =>
        {
            await Caller.RequireAdminAsync(request.HttpContext);
            var kind = BodyKind(request.ContentType);
            var result = kind == "csv" ? await importer.ImportUsersCsvAsync(await RequestBody.ReadTextAsync(request, ct), ct)
                : await importer.ImportJsonAsync(await RequestBody.ReadJsonTextAsync(request, ct), ct);
            return Results.Ok(result);
        }).WithSummary("Admin: add or update sections, users and groups from the JSON format (application/json) or users from CSV (text/csv); nothing is saved when anything is wrong");

        g.MapGet("/out-of-office", async (string? userId, HttpContext http, OrganizationService org, CancellationToken ct) =>
        {
            var caller = await Caller.RequireAsync(http);
            var rows = await org.OutOfOfficeAsync(ForWhom(caller, userId), ct);
            var views = await OrgViewBuilder.CreateAsync(org, ct);
            return Results.Ok(rows.Select(views.OutOfOffice));
        }).WithSummary("One's own out-of-office periods (admins: ?userId=)");

        g.MapPost("/out-of-office", async (HttpRequest request, OrganizationService org, CancellationToken ct) =>
        {
            var caller = await Caller.RequireAsync(request.HttpContext);
            var body = await RequestBody.ReadObjectAsync(request, ct);
            var row = await org.SetOutOfOfficeAsync(ForWhom(caller, Text(body, "userId")),
                Time(body, "from"), Time(body, "to"),
                Text(body, "delegateId") ?? throw ApprovalException.Invalid("missing-delegate", "请指定工作交接人 (delegateId)", "delegateId is required"),
                Text(body, "reason"), null, ct);
            var views = await OrgViewBuilder.CreateAsync(org, ct);
            return Results.Created($"/api/org/out-of-office/{row.Id}", views.OutOfOffice(row));
        }).WithSummary("Record an out-of-office period for oneself (admins: any userId); new work goes to the delegate meanwhile");

        g.MapDelete("/out-of-office/{id}", async (string id, HttpContext http, OrganizationService org, CancellationToken ct) =>
        {
            var caller = await Caller.RequireAsync(http);
            var row = await org.FindOutOfOfficeAsync(id, ct) ?? throw OutOfOfficeNotFound();
            // Someone else's period is not found, as every object that is not the caller's.
            if (row.UserId != caller.Id && !caller.IsAdmin) throw OutOfOfficeNotFound();
            await org.RemoveOutOfOfficeAsync(id, ct);
            return Results.NoContent();
        }).WithSummary("Delete an out-of-office period (its owner or an admin)");
    }

    private static ApprovalException OutOfOfficeNotFound() =>
        ApprovalException.NotFound("out-of-office-not-found", "外出/请假记录不存在", "the out-of-office period does not exist");

    /// <summary>The user a request is about: the caller, or for an admin anyone they name.</summary>
    private static string ForWhom(Caller caller, string? userId) =>
        string.IsNullOrEmpty(userId) || userId == caller.Id ? caller.Id
        : caller.IsAdmin ? userId
        : throw ApprovalException.Forbidden("admin-only", "只有管理员可以查看或设置他人的外出/请假记录", "only an administrator may see or set someone else's out-of-office periods");

    private static string BodyKind(string? contentType)
    {
        var media = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;
        return media switch
        {
            "application/json" => "json",
            "text/csv" or "application/csv" => "csv",
            _ when media?.EndsWith("+json", StringComparison.Ordinal) == true => "json",
            _ => throw ApprovalException.Invalid("unsupported-content-type",
                $"不支持的内容类型“{contentType}”：JSON 请用 application/json，CSV 请用 text/csv",
                $"unsupported content type '{contentType}': send JSON as application/json or CSV as text/csv"),
        };
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        _ => throw ApprovalException.Invalid("bad-field", $"字段 {name} 必须是文本", $"{name} must be a string"),
    };

    /// <summary>A point in time with its offset (e.g. <c>2026-11-02T08:40:00+08:00</c>); a bare local time would be ambiguous.</summary>
    private static DateTimeOffset Time(JsonObject body, string name)
    {
        var text = Text(body, name) ?? throw ApprovalException.Invalid("missing-time", $"缺少字段 {name}", $"{name} is required");
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) && dt.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at;
        throw ApprovalException.Invalid("bad-time", $"字段 {name} 的值“{text}”不是带时区的时间，例如 2026-11-02T08:40:00+08:00",
            $"{name} ('{text}') is not a time with an offset, e.g. 2026-11-02T08:40:00+08:00");
    }
}
