using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows;

namespace Approvals.Host.Api;

/// <summary>Reads request bodies by hand where a clear message for malformed JSON matters.</summary>
public static class RequestBody
{
    /// <summary>Largest body accepted as a definition or form input.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBytes + 1];
        var sb = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            sb.Append(buffer, 0, read);
            if (sb.Length > MaxBytes) throw TooLarge();
        }
        if (sb.Length == 0) throw ApprovalException.Invalid("empty-body", "请求内容为空", "the request body is empty");
        return sb.ToString();
    }

    /// <summary>The body as a JSON object; malformed JSON is a 400 with the position of the error.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        try
        {
            // Duplicate property names are rejected here: JsonObject would otherwise throw on first access.
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                   ?? throw ApprovalException.Invalid("not-an-object", "请求内容必须是 JSON 对象", "the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApprovalException.Invalid("invalid-json", $"请求内容不是有效的 JSON：{e.Message}", $"the request body is not valid JSON: {e.Message}");
        }
    }

    private static ApprovalException TooLarge() =>
        ApprovalException.Invalid("body-too-large", $"请求内容超过 {MaxBytes / 1024 / 1024} MB", $"the request body exceeds {MaxBytes / 1024 / 1024} MB");
}
