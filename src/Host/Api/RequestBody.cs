using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows;

namespace Approvals.Host.Api;

/// <summary>
/// The one place the API reads request bodies: up to <see cref="MaxBytes"/>, as UTF-8 text, and for JSON with every
/// string checked to be text (<see cref="JsonText"/>), so no endpoint meets a string the serializer cannot handle.
/// Every problem is a 400 with a clear message; no endpoint binds a JSON body through the framework.
/// </summary>
public static class RequestBody
{
    /// <summary>Largest body accepted as a definition, an import or form input.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The body as text (a CSV import): valid UTF-8, not empty, at most <see cref="MaxBytes"/>.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct) =>
        Encoding.UTF8.GetString((await ReadUtf8Async(request, ct)).Span);

    /// <summary>The body as JSON text for a parser of its own (definitions, the organisation file); its strings are all text.</summary>
    public static async Task<string> ReadJsonTextAsync(HttpRequest request, CancellationToken ct)
    {
        var utf8 = await ReadUtf8Async(request, ct);
        JsonText.RequireValidStrings(utf8.Span);
        return Encoding.UTF8.GetString(utf8.Span);
    }

    /// <summary>The body as a JSON object; malformed JSON is a 400 with the position of the error.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var utf8 = await ReadUtf8Async(request, ct);
        JsonText.RequireValidStrings(utf8.Span);
        try
        {
            // Duplicate property names are rejected here: JsonObject would otherwise throw on first access.
            return JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                   ?? throw ApprovalException.Invalid("not-an-object", "请求内容必须是 JSON 对象", "the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApprovalException.Invalid("invalid-json", $"请求内容不是有效的 JSON：{e.Message}", $"the request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The body's bytes without a byte-order mark; too large, empty or not UTF-8 is a 400.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadUtf8Async(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        // Grown as the body arrives, so a small body costs a small buffer; refused as soon as it passes the limit.
        var body = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 4096, MaxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > MaxBytes) throw TooLarge();
                body.Write(chunk, 0, read);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(chunk); }
        ReadOnlyMemory<byte> bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (bytes.Span.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        if (bytes.Length == 0) throw ApprovalException.Invalid("empty-body", "请求内容为空", "the request body is empty");
        JsonText.RequireUtf8(bytes.Span);
        return bytes;
    }

    private static ApprovalException TooLarge() =>
        ApprovalException.Invalid("body-too-large", $"请求内容超过 {MaxBytes / 1024 / 1024} MB", $"the request body exceeds {MaxBytes / 1024 / 1024} MB");
}
