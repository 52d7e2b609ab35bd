using Approvals.Workflows;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Api.Definitions;

/// <summary><c>/api/definitions</c>: list, versions, drafts, validation, publishing, import and export.</summary>
public static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/definitions").WithTags("Definitions");

        g.MapGet("/", async (HttpContext http, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var list = await defs.ListAsync(ct);
            // Drafts are for admins (the designers): others see only published workflows, and not whether a draft exists.
            return (await Caller.RequireAsync(http)).IsAdmin ? list
                : list.Where(d => d.LatestVersion is not null).Select(d => d with { HasDraft = false }).ToList();
        }).WithSummary("Every workflow with its latest published version (drafts only for admins)");

        g.MapGet("/{id}", async (string id, IWorkflowDefinitions defs, CancellationToken ct) =>
            Results.Ok(View(await defs.GetAsync(id, null, ct) ?? throw NotFound(id, null))))
            .WithSummary("The latest published version");

        g.MapGet("/{id}/versions", async (string id, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var versions = await defs.VersionsAsync(id, ct);
            return versions.Count == 0 ? throw NotFound(id, null) : Results.Ok(versions);
        }).WithSummary("All versions, the draft (version 0) first").RequireAdmin();

        g.MapGet("/{id}/versions/{version:int}", async (string id, int version, HttpContext http, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var stored = await defs.GetAsync(id, version, ct) ?? throw NotFound(id, version);
            if (stored.Info.Revision is { } revision) http.Response.Headers.ETag = $"\"{revision}\"";
            return Results.Ok(View(stored));
        }).WithSummary("One version; 0 is the draft (with its revision in info.revision and the ETag)").RequireAdmin();

        g.MapPut("/{id}/draft", async (string id, HttpRequest request, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var definition = Parse(await RequestBody.ReadJsonTextAsync(request, ct));
            if (definition.Id != id)
                throw ApprovalException.Invalid("id-mismatch", $"地址中的流程标识“{id}”与内容中的“{definition.Id}”不一致", $"the id in the address ('{id}') differs from the one in the body ('{definition.Id}')");
            var user = ApiSecurity.ActingUser(request.HttpContext);
            var expected = ExpectedRevision(request);
            var saved = expected.Conditional
                ? await defs.SaveDraftIfAsync(definition, user, expected.Revision, ct)
                : await defs.SaveDraftAsync(definition, user, ct);
            request.HttpContext.Response.Headers.ETag = $"\"{saved.Draft.Info.Revision}\"";
            return Results.Ok(new { draft = saved.Draft.Info, problems = Problems(request.HttpContext, saved.Problems) });
        }).WithSummary("Save the draft (kept even when invalid; the problems are returned). Send If-Match: \"<revision>\" of the draft you loaded, " +
                       "or If-None-Match: * when there was none; a draft changed since is refused with 409 draft-changed. If-Match: * overwrites knowingly.").RequireAdmin();

        g.MapDelete("/{id}/draft", async (string id, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            await defs.DeleteDraftAsync(id, ct);
            return Results.NoContent();
        }).WithSummary("Delete the draft").RequireAdmin();

        g.MapPost("/validate", async (HttpRequest request, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var definition = Parse(await RequestBody.ReadJsonTextAsync(request, ct));
            var problems = defs.Validate(definition);
            return Results.Ok(new { valid = problems.Count == 0, problems = Problems(request.HttpContext, problems) });
        }).WithSummary("Check a definition against the publishing rules without saving it").RequireAdmin();

        g.MapPost("/{id}/publish", async (string id, HttpContext http, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var published = await defs.PublishAsync(id, ApiSecurity.ActingUser(http), ct);
            return Results.Ok(new
            {
                published.Definition.Id, published.Info.Version,
                message = Language.Pick(http, new($"已发布为第 {published.Info.Version} 版；正在运行的流程仍按原版本继续", $"published as version {published.Info.Version}; running cases stay on their version")),
            });
        }).WithSummary("Publish the draft as a new version").RequireAdmin();

        g.MapPost("/import", async (HttpRequest request, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            var saved = await defs.ImportAsync(await RequestBody.ReadJsonTextAsync(request, ct), ApiSecurity.ActingUser(request.HttpContext), ct);
            return Results.Ok(new { saved.Draft.Definition.Id, draft = saved.Draft.Info, problems = Problems(request.HttpContext, saved.Problems) });
        }).WithSummary("Import definition JSON as the draft of its id").RequireAdmin();

        g.MapGet("/{id}/export", async (string id, int? version, HttpContext http, IWorkflowDefinitions defs, CancellationToken ct) =>
        {
            // The draft (version 0) only for admins, exactly as /versions/0: refused before looking, so nothing is revealed.
            if (version == WorkflowDefinitions.DraftVersion) await Caller.RequireAdminAsync(http);
            var stored = await defs.GetAsync(id, version, ct) ?? throw NotFound(id, version);
            if (!stored.Info.IsPublished) await Caller.RequireAdminAsync(http);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(stored.Json), "application/json", $"{id}.json");
        }).WithSummary("The definition file, byte for byte as stored (the draft, version 0, only for admins)");
    }

    /// <summary>
    /// The revision a save expects: null (no header, or If-Match: *) saves unconditionally; If-None-Match: *
    /// expects no draft; If-Match: "rev" expects that draft.
    /// </summary>
    private static (bool Conditional, string? Revision) ExpectedRevision(HttpRequest request)
    {
        if (request.Headers.IfNoneMatch.ToString().Trim() == "*") return (true, null);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0 || ifMatch == "*") return (false, null);
        if (ifMatch.StartsWith("W/", StringComparison.Ordinal)) ifMatch = ifMatch[2..];
        return (true, ifMatch.Trim('"'));
    }

    private static WorkflowDefinition Parse(string json)
    {
        try { return WorkflowJson.Parse(json); }
        catch (WorkflowFormatException e) { throw new ApprovalException(ErrorKind.Invalid, "invalid-json", e.Text); }
    }

    private static object View(StoredDefinition d) => new { info = d.Info, definition = d.Definition };

    private static object Problems(HttpContext http, IReadOnlyList<ValidationProblem> problems) =>
        problems.Select(p => new { p.Code, p.ActivityId, message = Language.Pick(http, p.Message), messageZh = p.Message.ZhCN, messageEn = p.Message.En });

    private static ApprovalException NotFound(string id, int? version) => version is null
        ? ApprovalException.NotFound("definition-not-found", $"流程“{id}”不存在", $"workflow '{id}' does not exist")
        : ApprovalException.NotFound("definition-not-found", $"流程“{id}”的第 {version} 版不存在", $"workflow '{id}' version {version} does not exist");
}
