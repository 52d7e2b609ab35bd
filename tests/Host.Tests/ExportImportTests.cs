using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>Export gives back the file byte for byte; importing that text and exporting the draft does too.</summary>
public sealed class ExportImportTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static byte[] RepositoryFileBytes() => File.ReadAllBytes(Path.Combine(HostFolder.RepositoryWorkflows, SampleFile));

    [Fact]
    public async Task Export_returns_exactly_the_bytes_of_the_workflow_file()
    {
        var response = await _client.GetAsync($"/api/definitions/{SampleId}/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SampleFile, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(RepositoryFileBytes(), bytes);
        Assert.Equal(File.ReadAllBytes(factory.Folder.WorkflowFile(SampleFile)), bytes);
    }

    [Fact]
    public async Task Export_of_version_1_is_the_file_too()
    {
        var bytes = await _client.GetByteArrayAsync($"/api/definitions/{SampleId}/export?version=1", Ct);

        Assert.Equal(RepositoryFileBytes(), bytes);
    }

    [Fact]
    public async Task Importing_the_exported_text_saves_a_draft_that_exports_to_the_same_bytes()
    {
        var exported = await _client.GetStringAsync($"/api/definitions/{SampleId}/export", Ct);

        var imported = await (await _client.PostAsync("/api/definitions/import", Raw(exported), Ct)).JsonAsync();

        Assert.Equal(SampleId, (string?)imported["id"]);
        Assert.Equal(0, (int?)imported["draft"]!["version"]);
        Assert.False((bool?)imported["draft"]!["isPublished"]);
        Assert.Empty(imported["problems"].Items());
        var draftBytes = await _client.GetByteArrayAsync($"/api/definitions/{SampleId}/export?version=0", Ct);
        Assert.Equal(RepositoryFileBytes(), draftBytes);
        var listed = (await _client.GetJsonAsync("/api/definitions")).Items().Single(d => (string?)d["id"] == SampleId);
        Assert.True((bool?)listed["hasDraft"]);
        Assert.Equal(1, (int?)listed["latestVersion"]);
    }

    [Fact]
    public async Task Export_of_a_version_that_does_not_exist_is_404()
    {
        var response = await _client.GetAsync($"/api/definitions/{SampleId}/export?version=42", Ct);

        await response.ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
    }
}
