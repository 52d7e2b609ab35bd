using Approvals.Host.Tests.Fuzz;

namespace Approvals.Host.Tests.Authorization;

/// <summary>
/// Authorization tried on every operation of the host's own <c>/openapi/v1.json</c>, over real HTTP to Kestrel with
/// the real session cookie and bearer tokens (the development header is off): nobody signed in → 401; a deactivated
/// member's cookie → 401 (the session is dropped) and his token → 403; staff on an administrator's operation → 403;
/// another staff member on someone else's request, task, attachment, notification, copy or out-of-office period → 404,
/// as if it did not exist. Each test collects every wrong answer before failing, so one run lists all the holes.
/// </summary>
public sealed class EveryOperationAuthorizationTests(AuthorizationWorld world) : IClassFixture<AuthorizationWorld>
{
    [Fact]
    public void Every_operation_is_classified_and_the_tables_name_only_operations_that_exist()
    {
        var names = world.Operations.Select(o => o.ToString()).ToHashSet();
        Assert.True(world.Operations.Count >= 40, $"only {world.Operations.Count} operations in /openapi/v1.json");
        Assert.All(world.Operations, o => Assert.True(o.Path.StartsWith("/api/", StringComparison.Ordinal), $"{o} is not under /api"));
        var stale = OperationRules.AdminOnly.Concat(OperationRules.Shared.Keys).Concat(OperationRules.Anonymous).Except(names).ToList();
        Assert.True(stale.Count == 0, "not in the document: " + string.Join(", ", stale));
        var unknown = world.Operations.Where(o => OperationRules.PathValues(o, world) is null).ToList();
        Assert.True(unknown.Count == 0, "which object do the parameters of these name? " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Without_sign_in_every_operation_answers_401_with_a_problem_document()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(world.Host.Origin) };
        var wrong = new List<string>();
        foreach (var operation in Protected())
        {
            using var request = RequestFor(operation);
            using var response = await anonymous.SendAsync(request, Api.Ct);
            await ExpectAsync(wrong, operation, "anonymous", response, HttpStatusCode.Unauthorized, "unauthenticated");
        }
        Assert.True(wrong.Count == 0, Report(wrong));
    }

    [Fact]
    public async Task A_deactivated_members_cookie_is_dropped_with_401_on_every_operation()
    {
        var person = world[AuthorizationWorld.Deactivated];
        var wrong = new List<string>();
        foreach (var operation in Protected())
        {
            using var request = RequestFor(operation);
            using var response = await person.WithCookieAsync(request);
            await ExpectAsync(wrong, operation, "deactivated, cookie", response, HttpStatusCode.Unauthorized, "unauthenticated");
        }
        Assert.True(wrong.Count == 0, Report(wrong));
    }

    [Fact]
    public async Task A_deactivated_members_bearer_token_is_refused_with_403_on_every_operation()
    {
        var person = world[AuthorizationWorld.Deactivated];
        var wrong = new List<string>();
        foreach (var operation in Protected())
        {
            using var request = RequestFor(operation);
            using var response = await person.WithBearerAsync(request);
            await ExpectAsync(wrong, operation, "deactivated, bearer", response, HttpStatusCode.Forbidden, "unknown-user");
        }
        Assert.True(wrong.Count == 0, Report(wrong));
    }

    [Fact]
    public async Task Staff_get_403_on_every_administrators_operation_with_the_cookie_and_with_a_token()
    {
        var staff = world[AuthorizationWorld.Owner];
        var wrong = new List<string>();
        foreach (var operation in world.Operations.Where(o => OperationRules.AdminOnly.Contains(o.ToString())))
        {
            using (var request = RequestFor(operation))
            using (var response = await staff.WithCookieAsync(request))
                await ExpectAsync(wrong, operation, "staff, cookie", response, HttpStatusCode.Forbidden, "admin-only");
            using (var request = RequestFor(operation))
            using (var response = await staff.WithBearerAsync(request))
                await ExpectAsync(wrong, operation, "staff, bearer", response, HttpStatusCode.Forbidden, "admin-only");
        }
        Assert.True(wrong.Count == 0, Report(wrong));
    }

    [Fact]
    public async Task Another_staff_member_finds_none_of_someone_elses_objects_and_is_served_on_the_rest()
    {
        var stranger = world[AuthorizationWorld.OtherStaff];
        var wrong = new List<string>();
        foreach (var operation in world.Operations)
        {
            using var request = RequestFor(operation);
            using var response = await stranger.WithCookieAsync(request);
            var name = operation.ToString();
            if (OperationRules.AdminOnly.Contains(name))
                await ExpectAsync(wrong, operation, "other staff", response, HttpStatusCode.Forbidden, "admin-only");
            else if (operation.Parameters.Count > 0 && !OperationRules.Shared.ContainsKey(name))
                await ExpectAsync(wrong, operation, "other staff", response, HttpStatusCode.NotFound, code: null);
            else if ((int)response.StatusCode is < 200 or >= 300)
                wrong.Add($"{operation} as other staff: expected a 2xx answer, got {(int)response.StatusCode} {Cut(await response.Content.ReadAsStringAsync(Api.Ct))}");
        }
        Assert.True(wrong.Count == 0, Report(wrong));
    }

    [Fact]
    public async Task Another_staff_member_cannot_name_someone_else_in_the_query_either()
    {
        var stranger = world[AuthorizationWorld.OtherStaff];
        foreach (var path in new[] { $"/api/org/out-of-office?userId={AuthorizationWorld.Owner}", $"/api/cases/owners?owner={AuthorizationWorld.Owner}" })
        {
            using var response = await stranger.WithCookieAsync(new HttpRequestMessage(HttpMethod.Get, path));
            await response.ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        }
    }

    [Fact]
    public async Task A_deactivated_members_session_no_longer_opens_the_web_ui()
    {
        var person = world[AuthorizationWorld.Deactivated];
        var page = await person.Browser.GetAsync(world.Host.Url("/"));
        // The cookie is rejected, so the workbench asks the provider again, whose answer is no longer a member of the office.
        Assert.Equal("/account/unknown", page.Path);
        Assert.Contains("您的账号不在本单位组织架构中", WebUtility.HtmlDecode(page.Body));
    }

    private IEnumerable<ApiOperation> Protected() => world.Operations.Where(o => !OperationRules.Anonymous.Contains(o.ToString()));

    private HttpRequestMessage RequestFor(ApiOperation operation) =>
        OperationRules.Request(operation, OperationRules.PathValues(operation, world)
                                          ?? throw new InvalidOperationException($"{operation} is not classified in {nameof(OperationRules)}"));

    /// <summary>Adds a line to <paramref name="wrong"/> unless the answer is <paramref name="status"/> as a problem document with <paramref name="code"/>.</summary>
    private static async Task ExpectAsync(List<string> wrong, ApiOperation operation, string who, HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var body = await response.Content.ReadAsStringAsync(Api.Ct);
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(body) : null;
        if (response.StatusCode != status || problem is null || (code is not null && (string?)problem["code"] != code))
            wrong.Add($"{operation} as {who}: expected {(int)status} {code}, got {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {Cut(body)}");
    }

    private static string Report(List<string> wrong) => $"{wrong.Count} wrong answer(s):\n" + string.Join("\n", wrong);

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
