using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

public sealed class HealthAndDocsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Health_is_200_and_healthy_on_the_sqlite_file()
    {
        var health = await _client.GetJsonAsync("/health");

        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal("Sqlite", (string?)health["database"]);
        Assert.True(File.Exists(factory.Folder.DatabaseFile), "the host uses the test's own database file");
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_describes_the_instances_api()
    {
        var response = await _client.GetAsync("/openapi/v1.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(text)!;
        Assert.NotNull(document["openapi"]);
        Assert.NotNull(document["paths"]!["/api/instances"]);
        Assert.Contains("/api/signals", text);
        Assert.Contains("/api/definitions", text);
    }
}
