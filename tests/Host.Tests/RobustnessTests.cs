using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// Bad input that once broke the engine through the API: each must get a clear answer, never a 500,
/// and must never stop the host from starting.
/// </summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task Form_number_too_large_for_a_decimal_is_a_field_error_not_a_500()
    {
        await using var factory = new HostFactory();
        var client = factory.CreateClient();

        var response = await client.PostAsync("/api/instances",
            Raw($"{{\"definitionId\": \"{SampleId}\", \"input\": {{\"docNo\": \"{NewDocNo()}\", \"amount\": 1e30}}}}"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.NotNull(problem["errors"]!["amount"]);
    }

    [Fact]
    public async Task Definition_with_a_null_activity_is_rejected_as_invalid_not_a_500()
    {
        await using var factory = new HostFactory();
        var client = factory.CreateClient();
        var definition = SampleDefinition(factory.Folder);
        definition["activities"]!.AsArray().Add(null);

        var response = await client.PostAsync("/api/definitions/import", Raw(definition.ToJsonString()), Ct);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Workflow_file_with_a_null_activity_is_skipped_and_the_host_still_starts()
    {
        using var folder = HostFolder.Create();
        var definition = SampleDefinition(folder);
        definition["id"] = "null-activity";
        definition["activities"]!.AsArray().Add(null);
        await File.WriteAllTextAsync(folder.WorkflowFile("null-activity.json"), definition.ToJsonString(), Ct);

        await using var factory = HostFactory.On(folder);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Contains((await client.GetJsonAsync("/api/definitions")).Items(), d => (string?)d["id"] == SampleId);
    }

    [Fact]
    public async Task Restart_after_publishing_from_the_designer_does_not_republish_the_unchanged_file()
    {
        using var folder = HostFolder.Create();
        await using (var first = HostFactory.On(folder))
        {
            var client = first.CreateClient();
            var changed = SampleDefinition(folder);
            changed["name"]!["zh-CN"] = "设计器中修改的名称";
            (await client.PutAsync($"/api/definitions/{SampleId}/draft", Raw(changed.ToJsonString()), Ct)).EnsureSuccessStatusCode();
            Assert.Equal(2, (int?)(await (await client.PostAsync($"/api/definitions/{SampleId}/publish", null, Ct)).JsonAsync())["version"]);
        }

        await using var second = HostFactory.On(folder);
        var latest = await second.CreateClient().GetJsonAsync($"/api/definitions/{SampleId}");

        Assert.Equal(2, (int?)latest["info"]!["version"]);
        Assert.Equal("设计器中修改的名称", (string?)latest["definition"]!["name"]!["zh-CN"]);
    }

    [Fact]
    public async Task Two_files_with_the_same_id_do_not_publish_new_versions_on_every_restart()
    {
        using var folder = HostFolder.Create();
        var copy = SampleDefinition(folder);
        copy["name"]!["zh-CN"] = "同一标识的另一个文件";
        await File.WriteAllTextAsync(folder.WorkflowFile("zz-copy.json"), copy.ToJsonString(), Ct);
        int[] before;
        await using (var first = HostFactory.On(folder))
            before = (await first.CreateClient().GetJsonAsync($"/api/definitions/{SampleId}/versions")).Items().Select(v => (int)v["version"]!).ToArray();

        await using var second = HostFactory.On(folder);
        var after = (await second.CreateClient().GetJsonAsync($"/api/definitions/{SampleId}/versions")).Items().Select(v => (int)v["version"]!).ToArray();

        Assert.Equal(before, after);
    }
}
