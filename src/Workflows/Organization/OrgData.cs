using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Organization;

/// <summary>
/// The organisation file format (e.g. <c>workflows/org/demo-office.json</c>): sections, users and groups,
/// camelCase, two-space indent, Chinese unescaped. Values are kept as written (positions as text) so that
/// the importer can report every bad value with its place instead of failing on the first.
/// </summary>
public sealed class OrgData
{
    // A list written as null is read as empty, the same as one left out: nothing of that kind is imported.
    public List<OrgSectionData> Sections { get; set => field = value ?? []; } = [];
    public List<OrgUserData> Users { get; set => field = value ?? []; } = [];
    public List<OrgGroupData> Groups { get; set => field = value ?? []; } = [];

    /// <summary>The serializer options of the file format.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A misspelt field would silently lose data; refuse it instead.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the file format; malformed JSON is an <see cref="ApprovalException"/> (<c>invalid-json</c>) with the line.</summary>
    public static OrgData Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OrgData>(json, Options)
                   ?? throw ApprovalException.Invalid("invalid-json", "组织架构数据为空 (null)", "the organisation data is null");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"（{e.Path}，第 {line + 1} 行）" : "";
            var whereEn = e.LineNumber is { } l ? $" ({e.Path}, line {l + 1})" : "";
            throw ApprovalException.Invalid("invalid-json",
                $"组织架构数据不是有效的 JSON 或字段不符合格式{where}：{e.Message}",
                $"the organisation data is not valid JSON or does not match the format{whereEn}: {e.Message}");
        }
    }

    /// <summary>Writes the file format, ending with a newline.</summary>
    public static string Serialize(OrgData data) => JsonSerializer.Serialize(data, Options) + "\n";
}

/// <summary>A section as written in the file.</summary>
public sealed class OrgSectionData
{
    public string Id { get; set; } = "";
    public LocalizedText? Name { get; set; }
    /// <summary>User id of the chief; must be a member of this section.</summary>
    public string? Chief { get; set; }
    /// <summary>User id of the responsible deputy director (分管); must hold <see cref="Position.DeputyDirector"/>.</summary>
    public string? DeputyDirector { get; set; }
    public int Order { get; set; }
}

/// <summary>A user as written in the file (or a CSV row).</summary>
public sealed class OrgUserData
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Section { get; set; } = "";
    /// <summary>Staff, DeputyChief, Chief, DeputyDirector or Director; empty means Staff.</summary>
    public string Position { get; set; } = "";
    /// <summary>The title as people say it; empty gives the usual title of the position (科员, 科长, …).</summary>
    public string Title { get; set; } = "";
    public string? Email { get; set; }
    public string? Mobile { get; set; }
    public bool IsAdmin { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A group as written in the file; its members replace the stored ones on import.</summary>
public sealed class OrgGroupData
{
    public string Id { get; set; } = "";
    public LocalizedText? Name { get; set; }
    /// <summary>The members; null is read as none, as when left out.</summary>
    public List<OrgGroupMemberData> Members { get; set => field = value ?? []; } = [];
}

/// <summary>A member of a group as written in the file.</summary>
public sealed class OrgGroupMemberData
{
    public string User { get; set; } = "";
    /// <summary>E.g. 组长 / 成员.</summary>
    public string? Role { get; set; }
}
