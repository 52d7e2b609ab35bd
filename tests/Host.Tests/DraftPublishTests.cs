using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>Saving a draft and publishing it as a new version, while running instances stay on theirs.</summary>
public sealed class DraftPublishTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Published_draft_becomes_version_2_while_earlier_instances_finish_on_version_1()
    {
        var oldDocNo = NewDocNo();
        var oldId = (string)(await _client.StartSampleAsync(oldDocNo))["id"]!;

        var changed = SampleDefinition(factory.Folder);
        changed["name"]!["zh-CN"] = "示例：等待外部确认（第二版）";
        changed.Activity("endApproved")["inputs"]!["result"] = "Accepted";
        // In Development the acting user may be named by the X-Acting-User header.
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{SampleId}/draft") { Content = Raw(changed.ToJsonString()) };
        put.Headers.Remove(HostFactory.ActingUserHeader);
        put.Headers.Add(HostFactory.ActingUserHeader, "admin");
        var saved = await (await _client.SendAsync(put, Ct)).JsonAsync();
        Assert.Equal(0, (int?)saved["draft"]!["version"]);
        Assert.Equal("admin", (string?)saved["draft"]!["savedBy"]);
        Assert.Empty(saved["problems"].Items());
        var draft = await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions/0");
        Assert.Equal("示例：等待外部确认（第二版）", (string?)draft["definition"]!["name"]!["zh-CN"]);
        Assert.Equal(1, (int?)(await _client.GetJsonAsync($"/api/definitions/{SampleId}"))["info"]!["version"]);

        var published = await (await _client.PostAsync($"/api/definitions/{SampleId}/publish", null, Ct)).JsonAsync();

        Assert.Equal(2, (int?)published["version"]);
        Assert.Equal(SampleId, (string?)published["id"]);
        Assert.Contains("第 2 版", (string?)published["message"]);
        var listed = (await _client.GetJsonAsync("/api/definitions")).Items().Single(d => (string?)d["id"] == SampleId);
        Assert.Equal(2, (int?)listed["latestVersion"]);
        Assert.False((bool?)listed["hasDraft"]);
        Assert.Equal("示例：等待外部确认（第二版）", (string?)listed["name"]!["zh-CN"]);
        var versions = await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions");
        Assert.Equal([2, 1], versions.Items().Select(v => (int)v["version"]!));
        var v2 = JsonNode.Parse(await _client.GetStringAsync($"/api/definitions/{SampleId}/export", Ct))!;
        Assert.Equal(2, (int?)v2["version"]);
        Assert.Equal(File.ReadAllBytes(factory.Folder.WorkflowFile(SampleFile)),
            await _client.GetByteArrayAsync($"/api/definitions/{SampleId}/export?version=1", Ct));

        // The instance started before the publish stays on version 1 and runs version 1's flow.
        Assert.Equal(1, (int?)(await _client.SignalAsync("confirmed", oldDocNo, new { approved = true }))["resumed"]);
        var old = (await _client.InstanceAsync(oldId))["instance"]!;
        Assert.Equal(1, (int?)old["definitionVersion"]);
        Assert.Equal("Finished", (string?)old["status"]);
        Assert.Equal("Approved", (string?)old["result"]);

        // A new start uses version 2.
        var newDocNo = NewDocNo();
        var started = await _client.StartSampleAsync(newDocNo);
        Assert.Equal(2, (int?)started["definitionVersion"]);
        Assert.Equal(1, (int?)(await _client.SignalAsync("confirmed", newDocNo, new { approved = true }))["resumed"]);
        var fresh = (await _client.InstanceAsync((string)started["id"]!))["instance"]!;
        Assert.Equal(2, (int?)fresh["definitionVersion"]);
        Assert.Equal("Accepted", (string?)fresh["result"]);
    }

    [Fact]
    public async Task Publish_message_follows_the_callers_language()
    {
        const string id = "publish-language-check";
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = id;
        (await _client.PutAsync($"/api/definitions/{id}/draft", Raw(definition.ToJsonString()), Ct)).EnsureSuccessStatusCode();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/definitions/{id}/publish").WithLanguage("en");
        var published = await (await _client.SendAsync(request, Ct)).JsonAsync();

        Assert.Equal(1, (int?)published["version"]);
        Assert.Equal("published as version 1; running cases stay on their version", (string?)published["message"]);
    }

    [Fact]
    public async Task A_draft_can_be_deleted()
    {
        const string id = "draft-to-delete";
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = id;
        (await _client.PutAsync($"/api/definitions/{id}/draft", Raw(definition.ToJsonString()), Ct)).EnsureSuccessStatusCode();
        // A flow that only has a draft cannot be started.
        var start = await _client.PostAsJsonAsync("/api/instances", new { definitionId = id, input = new { docNo = NewDocNo() } }, Ct);
        await start.ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");

        var deleted = await _client.DeleteAsync($"/api/definitions/{id}/draft", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _client.GetAsync($"/api/definitions/{id}/versions", Ct)).ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
        await (await _client.DeleteAsync($"/api/definitions/{id}/draft", Ct)).ProblemAsync(HttpStatusCode.NotFound, "no-draft");
    }
}
