using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Approvals.Workflows.Activities;

/// <summary>A JavaScript expression as written in a definition: <c>{"js": "…"}</c>.</summary>
[JsonConverter(typeof(Converter))]
public sealed record JsExpression(string Source)
{
    /// <summary>Reads and writes the <c>{"js": "…"}</c> form, so typed inputs (like Switch cases) can hold expressions.</summary>
    public sealed class Converter : JsonConverter<JsExpression>
    {
        public override JsExpression Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryRead(JsonNode.Parse(ref reader), out var e) ? e : throw new JsonException("An expression must be written as {\"js\": \"…\"}.");

        public override void Write(Utf8JsonWriter writer, JsExpression value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("js", value.Source);
            writer.WriteEndObject();
        }
    }

    /// <summary>True when <paramref name="node"/> is an expression object, i.e. <c>{"js": "…"}</c> and nothing else.</summary>
    public static bool TryRead(JsonNode? node, out JsExpression expression)
    {
        if (node is JsonObject { Count: 1 } obj && obj["js"] is JsonValue v && v.TryGetValue(out string? src))
        {
            expression = new JsExpression(src);
            return true;
        }
        expression = null!;
        return false;
    }

    /// <summary>Every expression found anywhere inside <paramref name="node"/>, with a JSON-path-like location.</summary>
    public static IEnumerable<(string Path, JsExpression Expression)> FindAll(JsonNode? node, string path)
    {
        if (TryRead(node, out var e)) { yield return (path, e); yield break; }
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, child) in o)
                    foreach (var found in FindAll(child, $"{path}.{k}")) yield return found;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var found in FindAll(a[i], $"{path}[{i}]")) yield return found;
                break;
        }
    }
}
