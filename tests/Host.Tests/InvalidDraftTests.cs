using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>An invalid draft is kept (with its problems) but cannot be published; the published version stays.</summary>
public sealed class InvalidDraftTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The sample with the True branch of the decision pointing at an activity that does not exist.</summary>
    private string DanglingDefinition()
    {
        var definition = SampleDefinition(factory.Folder);
        var connection = definition["connections"]!.AsArray()
            .Single(c => (string?)c!["source"] == "isApproved" && (string?)c!["outcome"] == "True")!;
        connection["target"] = "nowhere";
        return definition.ToJsonString();
    }

    [Fact]
    public async Task Draft_with_a_dangling_connection_is_saved_with_its_problems_but_not_published()
    {
        var saved = await (await _client.PutAsync($"/api/definitions/{SampleId}/draft", Raw(DanglingDefinition()), Ct)).JsonAsync();

        var dangling = Assert.Single(saved["problems"].Items(), p => (string?)p["code"] == "dangling-connection");
        Assert.Equal("isApproved", (string?)dangling["activityId"]);
        Assert.Contains("nowhere", (string?)dangling["message"]);
        Assert.Contains("nowhere", (string?)dangling["messageEn"]);
        Assert.Contains("nowhere", (string?)dangling["messageZh"]);
        var draft = await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions/0");
        Assert.Contains(draft["definition"]!["connections"].Items(), c => (string?)c["target"] == "nowhere");

        var publish = await _client.PostAsync($"/api/definitions/{SampleId}/publish", null, Ct);

        var problem = await publish.ProblemAsync(HttpStatusCode.BadRequest, "definition-invalid");
        var reported = Assert.Single(problem["problems"].Items(), p => (string?)p["code"] == "dangling-connection");
        Assert.Equal("isApproved", (string?)reported["activityId"]);
        Assert.Contains(problem["problems"].Items(), p => (string?)p["code"] == "unreachable" && (string?)p["activityId"] == "endApproved");

        // Version 1 is untouched and still what new instances start on; the draft is kept for fixing.
        var latest = await _client.GetJsonAsync($"/api/definitions/{SampleId}");
        Assert.Equal(1, (int?)latest["info"]!["version"]);
        Assert.DoesNotContain(latest["definition"]!["connections"].Items(), c => (string?)c["target"] == "nowhere");
        Assert.Equal([0, 1], (await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions")).Items().Select(v => (int)v["version"]!));
        Assert.Equal(File.ReadAllBytes(factory.Folder.WorkflowFile(SampleFile)),
            await _client.GetByteArrayAsync($"/api/definitions/{SampleId}/export", Ct));
        Assert.Equal(1, (int?)(await _client.StartSampleAsync(NewDocNo()))["definitionVersion"]);
    }

    [Fact]
    public async Task Publish_problems_are_in_english_when_asked_for()
    {
        (await _client.PutAsync($"/api/definitions/{SampleId}/draft", Raw(DanglingDefinition()), Ct)).EnsureSuccessStatusCode();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/definitions/{SampleId}/publish").WithLanguage("en");
        var problem = await (await _client.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "definition-invalid");

        Assert.StartsWith("workflow 'sample-external-confirmation' has", (string?)problem["title"]);
        var dangling = problem["problems"].Items().Single(p => (string?)p["code"] == "dangling-connection");
        Assert.Equal((string?)dangling["messageEn"], (string?)dangling["message"]);
    }

    [Fact]
    public async Task Validate_reports_the_problems_without_saving()
    {
        var result = await (await _client.PostAsync("/api/definitions/validate", Raw(DanglingDefinition()), Ct)).JsonAsync();

        Assert.False((bool?)result["valid"]);
        Assert.Contains(result["problems"].Items(), p => (string?)p["code"] == "dangling-connection" && (string?)p["activityId"] == "isApproved");
        var valid = await (await _client.PostAsync("/api/definitions/validate", Raw(SampleDefinition(factory.Folder).ToJsonString()), Ct)).JsonAsync();
        Assert.True((bool?)valid["valid"]);
        Assert.Empty(valid["problems"].Items());
    }
}
