using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// Loading <c>workflows/*.json</c> at startup, with several hosts started one after the other on the
/// same database and workflows folder (as a restart would).
/// </summary>
public sealed class StartupLoadingTests
{
    private static async Task<int[]> PublishedVersionsAsync(HttpClient client, string id) =>
        (await client.GetJsonAsync($"/api/definitions/{id}/versions")).Items()
            .Where(v => (bool)v["isPublished"]!).Select(v => (int)v["version"]!).ToArray();

    [Fact]
    public async Task Restart_with_an_unchanged_file_creates_no_new_version()
    {
        using var folder = HostFolder.Create();
        await using (var first = HostFactory.On(folder))
            Assert.Equal(new[] { 1 }, await PublishedVersionsAsync(first.CreateClient(), SampleId));

        await using var second = HostFactory.On(folder);
        var client = second.CreateClient();

        Assert.Equal(new[] { 1 }, await PublishedVersionsAsync(client, SampleId));
        Assert.Equal(File.ReadAllBytes(folder.WorkflowFile(SampleFile)), await client.GetByteArrayAsync($"/api/definitions/{SampleId}/export", Ct));
    }

    [Fact]
    public async Task Restart_with_a_changed_file_publishes_it_as_version_2_and_keeps_running_instances_on_1()
    {
        using var folder = HostFolder.Create();
        var docNo = NewDocNo();
        string instanceId;
        await using (var first = HostFactory.On(folder))
            instanceId = (string)(await first.CreateClient().StartSampleAsync(docNo))["id"]!;

        var changed = SampleDefinition(folder);
        changed["name"]!["zh-CN"] = "示例：等待外部确认（修改）";
        await File.WriteAllTextAsync(folder.WorkflowFile(SampleFile), changed.ToJsonString(), Ct);

        await using var second = HostFactory.On(folder);
        var client = second.CreateClient();

        Assert.Equal(new[] { 2, 1 }, await PublishedVersionsAsync(client, SampleId));
        var latest = await client.GetJsonAsync($"/api/definitions/{SampleId}");
        Assert.Equal(2, (int?)latest["info"]!["version"]);
        Assert.Equal("示例：等待外部确认（修改）", (string?)latest["definition"]!["name"]!["zh-CN"]);
        Assert.Equal("system", (string?)latest["info"]!["publishedBy"]);

        // The instance started before the restart survived it, on version 1.
        Assert.Equal(1, (int?)(await client.SignalAsync("confirmed", docNo, new { approved = true }))["resumed"]);
        var instance = (await client.InstanceAsync(instanceId))["instance"]!;
        Assert.Equal(1, (int?)instance["definitionVersion"]);
        Assert.Equal("Approved", (string?)instance["result"]);
        Assert.Equal(2, (int?)(await client.StartSampleAsync(NewDocNo()))["definitionVersion"]);
    }

    [Fact]
    public async Task Invalid_files_are_skipped_and_the_host_still_starts()
    {
        using var folder = HostFolder.Create();
        await File.WriteAllTextAsync(folder.WorkflowFile("bad.json"), "{ \"id\": ", Ct);
        var twoStarts = SampleDefinition(folder);
        twoStarts["id"] = "two-starts";
        var secondStart = twoStarts.Activity("start").DeepClone().AsObject();
        secondStart["id"] = "start2";
        twoStarts["activities"]!.AsArray().Add(secondStart);
        twoStarts["connections"]!.AsArray().Add(new JsonObject { ["source"] = "start2", ["outcome"] = "Done", ["target"] = "waitConfirmation" });
        await File.WriteAllTextAsync(folder.WorkflowFile("two-starts.json"), twoStarts.ToJsonString(), Ct);
        await File.WriteAllTextAsync(folder.WorkflowFile("empty.json"), "", Ct);

        await using var factory = HostFactory.On(folder);
        var client = factory.CreateClient();

        Assert.Equal("Healthy", (string?)(await client.GetJsonAsync("/health"))["status"]);
        var ids = (await client.GetJsonAsync("/api/definitions")).Items().Select(d => (string)d["id"]!).ToList();
        Assert.Contains(SampleId, ids);
        Assert.DoesNotContain("two-starts", ids);
        Assert.DoesNotContain("empty", ids);
        await (await client.GetAsync("/api/definitions/two-starts", Ct)).ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
        Assert.Equal("Suspended", (string?)(await client.StartSampleAsync(NewDocNo()))["status"]);
    }

    [Fact]
    public async Task A_file_that_becomes_invalid_leaves_the_published_version_in_place()
    {
        using var folder = HostFolder.Create();
        await using (var first = HostFactory.On(folder))
            Assert.Equal(new[] { 1 }, await PublishedVersionsAsync(first.CreateClient(), SampleId));
        var broken = SampleDefinition(folder);
        broken["connections"]!.AsArray().Add(new JsonObject { ["source"] = "isApproved", ["outcome"] = "True", ["target"] = "nowhere" });
        await File.WriteAllTextAsync(folder.WorkflowFile(SampleFile), broken.ToJsonString(), Ct);

        await using var second = HostFactory.On(folder);
        var client = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(new[] { 1 }, await PublishedVersionsAsync(client, SampleId));
        Assert.Equal(1, (int?)(await client.StartSampleAsync(NewDocNo()))["definitionVersion"]);
    }

    [Fact]
    public async Task Missing_workflows_folder_still_starts_an_empty_host()
    {
        using var folder = HostFolder.Create();
        Directory.Delete(folder.Workflows, recursive: true);

        await using var factory = HostFactory.On(folder);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        // No flows and no organisation either (its seed file lives in the workflows folder): nobody can act yet.
        var response = await client.GetAsync("/api/definitions", Ct);
        await response.ProblemAsync(HttpStatusCode.Forbidden, "unknown-user");
    }
}
