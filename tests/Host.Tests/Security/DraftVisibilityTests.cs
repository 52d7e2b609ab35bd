using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Security;

/// <summary>
/// Unpublished drafts (version 0) are for admins, the designers, on every definitions route: staff get 403 for the
/// draft exactly as on <c>/versions/0</c>, see only published workflows in the list and never learn that a draft exists.
/// </summary>
public sealed class DraftVisibilityTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private const string DraftOnlyId = "draft-only-secret";
    private readonly HttpClient _admin = host.As("admin");
    private readonly HttpClient _staff = host.As(OfficeHost.Staff);

    /// <summary>A draft of the published sample with a changed name, and a workflow that exists only as a draft.</summary>
    private async Task SaveDraftsAsync()
    {
        var sample = SampleDefinition(host.Folder);
        sample["name"] = new JsonObject { ["zh-CN"] = "未发布的草稿名", ["en"] = "Unpublished draft name" };
        await (await _admin.PutAsync($"/api/definitions/{SampleId}/draft", Raw(sample.ToJsonString()), Ct)).JsonAsync();
        var secret = SampleDefinition(host.Folder);
        secret["id"] = DraftOnlyId;
        secret["name"] = new JsonObject { ["zh-CN"] = "机密草稿", ["en"] = "Secret draft" };
        await (await _admin.PutAsync($"/api/definitions/{DraftOnlyId}/draft", Raw(secret.ToJsonString()), Ct)).JsonAsync();
    }

    [Fact]
    public async Task Staff_get_403_for_the_draft_on_export_as_on_versions_and_admins_get_it()
    {
        await SaveDraftsAsync();

        foreach (var id in new[] { SampleId, DraftOnlyId })
        {
            await (await _staff.GetAsync($"/api/definitions/{id}/export?version=0", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
            await (await _staff.GetAsync($"/api/definitions/{id}/versions/0", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
            await (await _staff.GetAsync($"/api/definitions/{id}/versions", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        }
        // Refused before looking: a draft that does not exist answers the same, so drafts cannot be probed.
        await (await _staff.GetAsync("/api/definitions/no-such-flow/export?version=0", Ct)).ProblemAsync(HttpStatusCode.Forbidden, "admin-only");
        // Without a version, and for a published version, staff get the published file, never the draft.
        var version = (int)(await _staff.GetJsonAsync($"/api/definitions/{SampleId}"))["info"]!["version"]!;
        foreach (var url in new[] { $"/api/definitions/{SampleId}/export", $"/api/definitions/{SampleId}/export?version={version}" })
        {
            var published = await _staff.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            Assert.DoesNotContain("未发布的草稿名", await published.Content.ReadAsStringAsync(Ct));
        }
        await (await _staff.GetAsync($"/api/definitions/{DraftOnlyId}/export", Ct)).ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
        await (await _staff.GetAsync($"/api/definitions/{DraftOnlyId}", Ct)).ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");

        var draft = await _admin.GetAsync($"/api/definitions/{SampleId}/export?version=0", Ct);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains("未发布的草稿名", await draft.Content.ReadAsStringAsync(Ct));
        var secret = await _admin.GetAsync($"/api/definitions/{DraftOnlyId}/export?version=0", Ct);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        Assert.Contains("机密草稿", await secret.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_list_shows_staff_only_published_workflows_without_draft_flags_and_admins_everything()
    {
        await SaveDraftsAsync();

        var staffList = (await _staff.GetJsonAsync("/api/definitions")).Items().ToList();
        Assert.DoesNotContain(staffList, d => (string?)d["id"] == DraftOnlyId);
        Assert.All(staffList, d => Assert.False((bool)d["hasDraft"]!));
        Assert.All(staffList, d => Assert.NotNull((int?)d["latestVersion"]));
        var sample = Assert.Single(staffList, d => (string?)d["id"] == SampleId);
        Assert.NotEqual("未发布的草稿名", (string?)sample["name"]!["zh-CN"]);

        var adminList = (await _admin.GetJsonAsync("/api/definitions")).Items().ToList();
        var secret = Assert.Single(adminList, d => (string?)d["id"] == DraftOnlyId);
        Assert.Equal(("机密草稿", true), ((string?)secret["name"]!["zh-CN"], (bool)secret["hasDraft"]!));
        Assert.True((bool)Assert.Single(adminList, d => (string?)d["id"] == SampleId)["hasDraft"]!);
    }
}
