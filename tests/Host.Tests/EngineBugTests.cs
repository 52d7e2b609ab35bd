using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// Engine (src/Workflows) defects found through the API. Each test states the behaviour the engine's own
/// documentation promises; they are skipped until the engine is fixed (the host does not patch around them).
/// </summary>
public sealed class EngineBugTests
{
    [Fact(Skip = "engine bug: FormValidator.Check calls JsonValue.GetValue<decimal>() on any JSON number; a number outside decimal's range (1e30) throws InvalidOperationException, so POST /api/instances answers 500 instead of a field error")]
    public async Task Form_number_too_large_for_a_decimal_is_a_field_error_not_a_500()
    {
        await using var factory = new HostFactory();
        var client = factory.CreateClient();

        var response = await client.PostAsync("/api/instances",
            Raw($"{{\"definitionId\": \"{SampleId}\", \"input\": {{\"docNo\": \"{NewDocNo()}\", \"amount\": 1e30}}}}"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.NotNull(problem["errors"]!["amount"]);
    }

    [Fact(Skip = "engine bug: WorkflowJson.Parse accepts null items in activities (and connections, startForm, variables); WorkflowValidator.Validate then throws NullReferenceException, so import/draft/validate answer 500")]
    public async Task Definition_with_a_null_activity_is_rejected_as_invalid_not_a_500()
    {
        await using var factory = new HostFactory();
        var client = factory.CreateClient();
        var definition = SampleDefinition(factory.Folder);
        definition["activities"]!.AsArray().Add(null);

        var response = await client.PostAsync("/api/definitions/import", Raw(definition.ToJsonString()), Ct);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
    }

    [Fact(Skip = "engine bug: a workflow file with a null activity makes WorkflowValidator throw NullReferenceException, which WorkflowFileLoader does not catch (only ApprovalException), so one bad file stops the host from starting")]
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

    [Fact(Skip = "engine bug: PublishFileAsync compares the file's hash with the latest published version only, so after a designer publish (v2) a restart republishes the unchanged file as v3 and silently reverts the designer's change")]
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

    [Fact(Skip = "engine bug: WorkflowFileLoader does not detect two files with the same id; each compares against the other's latest version, so every restart publishes two new versions")]
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
