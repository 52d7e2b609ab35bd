using System.Buffers;
using System.Text;
using System.Text.Json;
using Approvals.Workflows;

namespace Approvals.Host.Api;

/// <summary>
/// Whether a body is text: UTF-8 throughout, and in JSON no string escape that stands for no character.
/// System.Text.Json reads <c>"\ud800"</c> (a lone surrogate) as well-formed JSON and fails only when the string is
/// decoded or written again, with an <see cref="InvalidOperationException"/> deep inside whatever handles it; checked
/// here, before any endpoint sees the body, it is a 400 "invalid text" with its position.
/// </summary>
public static class JsonText
{
    /// <summary>Deeper than any parser behind the API accepts, so every string a parser could reach is checked.</summary>
    private const int MaxDepth = 1024;

    /// <summary>Refuses bytes that are not UTF-8, naming the first bad byte.</summary>
    public static void RequireUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return;
        var at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out var used) == OperationStatus.Done) at += used;
        throw ApprovalException.Invalid("invalid-text",
            $"请求内容不是有效的 UTF-8 文本（第 {at + 1} 个字节）；请以 UTF-8 编码发送",
            $"the request body is not valid UTF-8 text (byte {at + 1}); send it encoded as UTF-8");
    }

    /// <summary>
    /// Refuses JSON (already known to be UTF-8) with a property name or string value whose escapes do not decode to
    /// text, such as an unpaired <c>\ud800</c>. Malformed JSON is left for the parser to report in its own words.
    /// </summary>
    public static void RequireValidStrings(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth,
        });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Decodes(ref reader))
                    throw ApprovalException.Invalid("invalid-text",
                        $"请求内容含有无效的文本：第 {reader.TokenStartIndex + 1} 个字节处的字符串含有不成对的代理项转义（如 \\ud800），它不代表任何字符",
                        $"the request body holds invalid text: the string at byte {reader.TokenStartIndex + 1} has an unpaired surrogate escape (such as \\ud800), which stands for no character");
        }
        catch (JsonException)
        {
            // Not well-formed: the endpoint's parser reports where and why.
        }
    }

    private static bool Decodes(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
