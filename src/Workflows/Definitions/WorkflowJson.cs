using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// Reads and writes workflow definitions in the one canonical file format: camelCase, two-space
/// indent, "\n" line ends, Chinese unescaped, a final newline. A file in that format loads and saves
/// back to the same bytes, which keeps <c>workflows/*.json</c> diff-friendly.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The serializer options of the file format (also right for API payloads).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        RespectNullableAnnotations = true,
        // A text object without "en", or a connection without "target", is refused rather than read as null.
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Parses a definition; throws <see cref="WorkflowFormatException"/> with the position of the problem.</summary>
    public static WorkflowDefinition Parse(string json, string? sourceName = null)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                             ?? throw new WorkflowFormatException(sourceName, "流程定义为空 (null)", "the workflow definition is null");
            RequireNoMissingValues(definition, sourceName);
            return definition;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" ({e.Path}, line {line + 1}, column {e.BytePositionInLine + 1})" : "";
            throw new WorkflowFormatException(sourceName,
                $"流程定义不是有效的 JSON 或字段不符合格式{where}: {e.Message}",
                $"the workflow definition is not valid JSON or does not match the format{where}: {e.Message}");
        }
    }

    /// <summary>A null where the format wants a value (a list item, a text's language) is refused with its path.</summary>
    private static void RequireNoMissingValues(WorkflowDefinition d, string? sourceName)
    {
        if (RequiredValues.FirstMissing(d) is { } path)
            throw new WorkflowFormatException(sourceName, $"流程定义的 {path} 缺失或为空 (null)", $"the workflow definition's {path} is missing or null");
    }

    /// <summary>Writes a definition in the canonical format, ending with a newline.</summary>
    public static string Serialize(WorkflowDefinition definition) =>
        JsonSerializer.Serialize(definition, Options) + "\n";

    /// <summary>The canonical UTF-8 bytes (no byte-order mark).</summary>
    public static byte[] ToUtf8(WorkflowDefinition definition) => Encoding.UTF8.GetBytes(Serialize(definition));

    /// <summary>A deep copy, through the canonical format.</summary>
    public static WorkflowDefinition Clone(WorkflowDefinition definition) => Parse(Serialize(definition));
}
