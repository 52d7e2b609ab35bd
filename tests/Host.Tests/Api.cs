using System.Net.Http.Headers;
using System.Text;

namespace Approvals.Host.Tests;

/// <summary>Small helpers for calling the API over HTTP and checking its answers.</summary>
public static class Api
{
    public const string SampleId = "sample-external-confirmation";
    public const string SampleFile = SampleId + ".json";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A body sent exactly as given (for malformed JSON and definition text).</summary>
    public static StringContent Raw(string text, string mediaType = "application/json") => new(text, Encoding.UTF8, mediaType);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url, Ct)).JsonAsync();

    /// <summary>
    /// Checks an RFC 7807 answer: the status, the problem media type, a title, the status in the body
    /// and the machine code; returns the document for further checks.
    /// </summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Assert.IsType<JsonObject>(JsonNode.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), $"problem without a title: {text}");
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.Equal(code, (string?)problem["code"]);
        return problem;
    }

    /// <summary>Starts the sample flow with a document number; asserts 201 and returns the instance summary.</summary>
    public static async Task<JsonNode> StartSampleAsync(this HttpClient client, string docNo, decimal amount = 1200m)
    {
        var response = await client.PostAsJsonAsync("/api/instances",
            new { definitionId = SampleId, input = new { docNo, amount } }, Ct);
        var instance = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/instances/{(string?)instance["id"]}", response.Headers.Location?.OriginalString);
        return instance;
    }

    public static async Task<JsonNode> SignalAsync(this HttpClient client, string name, string? correlationKey, object? payload) =>
        await (await client.PostAsJsonAsync("/api/signals", new { name, correlationKey, payload }, Ct)).JsonAsync();

    public static Task<JsonNode> InstanceAsync(this HttpClient client, string id) => client.GetJsonAsync($"/api/instances/{id}");

    /// <summary>A unique document number, so tests sharing a host never signal each other's instances.</summary>
    public static string NewDocNo() => "DOC-" + Guid.NewGuid().ToString("N")[..12];

    public static HttpRequestMessage WithLanguage(this HttpRequestMessage request, string language)
    {
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return request;
    }

    /// <summary>The sample definition as a mutable JSON tree, read from the host's copy of the workflows folder.</summary>
    public static JsonObject SampleDefinition(HostFolder folder) =>
        JsonNode.Parse(File.ReadAllText(folder.WorkflowFile(SampleFile)))!.AsObject();

    public static JsonObject Activity(this JsonObject definition, string id) =>
        definition["activities"]!.AsArray().Single(a => (string?)a!["id"] == id)!.AsObject();

    public static IEnumerable<JsonNode> Items(this JsonNode? array) => array!.AsArray().Select(n => n!);
}
