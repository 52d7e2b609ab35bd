using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Tasks;

/// <summary>
/// Insecure direct object references: a colleague in the same section who takes no part in a request gets
/// 404 for its task, its actions, the case, its timeline and its attachments, exactly as for ids that do not
/// exist, and nothing changes.
/// </summary>
public sealed class CaseAccessApiTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private readonly HttpClient _staff = host.As(Staff);
    private readonly HttpClient _chief = host.As(StaffChief);
    private readonly HttpClient _colleague = host.As(Colleague);

    [Fact]
    public async Task A_colleague_who_is_not_a_participant_gets_404_for_everything_about_the_request()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;
        var attachmentId = (string)(await (await _staff.UploadAsync(id, "证明.pdf", Uploads.Pdf())).JsonAsync())["id"]!;

        await (await _colleague.GetAsync($"/api/tasks/{taskId}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "task-not-found");
        foreach (var action in new[] { "approve", "reject", "return", "transfer", "cc", "claim" })
            await (await _colleague.ActAsync(taskId, action, new { comment = "越权", users = new[] { Colleague } })).ProblemAsync(HttpStatusCode.NotFound, "task-not-found");
        await (await _colleague.GetAsync($"/api/requests/{id}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.GetAsync($"/api/instances/{id}/timeline", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.PostAsync($"/api/requests/{id}/withdraw", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.PostAsync($"/api/requests/{id}/urge", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.PostAsJsonAsync($"/api/requests/{id}/comments", new { text = "路过" }, Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.GetAsync($"/api/requests/{id}/attachments", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.UploadAsync(id, "夹带.pdf", Uploads.Pdf())).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.GetAsync($"/api/attachments/{attachmentId}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
        Assert.DoesNotContain((await _colleague.GetJsonAsync("/api/requests"))["items"].Items(), r => (string?)r["instanceId"] == id);
        Assert.False(await _colleague.HasTodoAsync(id));

        // Nothing the colleague tried took effect.
        var view = await _staff.CaseAsync(id);
        Assert.Equal("Suspended", (string?)view["case"]!["status"]);
        Assert.DoesNotContain(view["timeline"].Items(), h => (string?)h["actorId"] == Colleague);
        Assert.Equal([attachmentId], view["attachments"].Items().Select(a => (string)a["id"]!));
        Assert.Equal(taskId, (string?)(await _chief.TodoTaskAsync(id))["id"]);
    }

    [Fact]
    public async Task Ids_that_do_not_exist_answer_exactly_like_ids_one_may_not_see()
    {
        var missing = Guid.NewGuid().ToString("N");
        await (await _colleague.GetAsync($"/api/tasks/{missing}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "task-not-found");
        await (await _colleague.ActAsync(missing, "approve")).ProblemAsync(HttpStatusCode.NotFound, "task-not-found");
        await (await _colleague.GetAsync($"/api/requests/{missing}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.GetAsync($"/api/requests/{missing}/attachments", Ct)).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.UploadAsync(missing, "a.pdf", Uploads.Pdf())).ProblemAsync(HttpStatusCode.NotFound, "case-not-found");
        await (await _colleague.GetAsync($"/api/attachments/{missing}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
        // A path-like id is just an id that does not exist.
        await (await _colleague.GetAsync("/api/attachments/..%2F..%2Fapprovals.db", Ct)).ProblemAsync(HttpStatusCode.NotFound, "attachment-not-found");
    }

    [Fact]
    public async Task Attachment_endpoints_need_a_signed_in_member()
    {
        var id = await _staff.StartLeaveAsync();
        await (await host.As(null).GetAsync($"/api/requests/{id}/attachments", Ct)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await host.As(null).UploadAsync(id, "a.pdf", Uploads.Pdf())).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await host.As("nobody").GetAsync($"/api/attachments/{Guid.NewGuid():N}", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "unknown-user");
    }
}
