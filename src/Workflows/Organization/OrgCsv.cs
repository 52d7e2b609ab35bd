using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Organization;

/// <summary>
/// The users CSV: a header naming the columns (<see cref="Columns"/>; <c>id</c>, <c>name</c> and <c>section</c>
/// required, any order), then one user per record. Booleans accept true/false, 1/0, yes/no, 是/否;
/// empty cells take the defaults (not admin, active).
/// </summary>
public static class OrgCsv
{
    /// <summary>The columns, in the order an export writes them.</summary>
    public static readonly IReadOnlyList<string> Columns = ["id", "name", "section", "position", "title", "email", "mobile", "isAdmin", "active"];

    private static readonly string[] Required = ["id", "name", "section"];

    /// <summary>The users of <paramref name="csv"/> with the line each came from, and every problem found while reading.</summary>
    public static (IReadOnlyList<(OrgUserData User, int Line)> Users, IReadOnlyList<ValidationProblem> Problems) Read(string csv)
    {
        var (records, errors) = CsvReader.Parse(csv);
        var problems = errors.Select(e => Problem("csv-syntax", e.Line, e.MessageZh, e.MessageEn)).ToList();
        var users = new List<(OrgUserData, int)>();
        if (records.Count == 0)
        {
            if (problems.Count == 0) problems.Add(Problem("csv-empty", 1, "文件中没有表头和数据", "the file has no header and no rows"));
            return (users, problems);
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < header.Fields.Count; c++)
        {
            var name = header.Fields[c].Trim();
            var known = Columns.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                problems.Add(Problem("unknown-column", header.Line, $"未知的列“{name}”；可用的列：{string.Join(",", Columns)}", $"unknown column '{name}'; the columns are {string.Join(",", Columns)}"));
            else if (!index.TryAdd(known, c))
                problems.Add(Problem("duplicate-column", header.Line, $"列“{known}”出现了两次", $"column '{known}' appears twice"));
        }
        foreach (var r in Required.Where(r => !index.ContainsKey(r)))
            problems.Add(Problem("missing-column", header.Line, $"缺少必需的列“{r}”", $"the required column '{r}' is missing"));
        if (problems.Any(p => p.Code is "unknown-column" or "duplicate-column" or "missing-column")) return (users, problems);

        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(Problem("column-count", record.Line, $"有 {record.Fields.Count} 列，表头有 {header.Fields.Count} 列（含逗号的内容请用英文双引号括起来）",
                    $"has {record.Fields.Count} columns but the header has {header.Fields.Count} (enclose values containing commas in double quotes)"));
                continue;
            }
            string Cell(string column) => index.TryGetValue(column, out var c) ? record.Fields[c].Trim() : "";
            var user = new OrgUserData
            {
                Id = Cell("id"), Name = Cell("name"), Section = Cell("section"), Position = Cell("position"), Title = Cell("title"),
                Email = NullIfEmpty(Cell("email")), Mobile = NullIfEmpty(Cell("mobile")),
            };
            if (ParseBool(Cell("isAdmin"), false) is { } admin) user.IsAdmin = admin;
            else problems.Add(BadBool(record.Line, "isAdmin", Cell("isAdmin")));
            if (ParseBool(Cell("active"), true) is { } active) user.Active = active;
            else problems.Add(BadBool(record.Line, "active", Cell("active")));
            users.Add((user, record.Line));
        }
        return (users, problems);
    }

    /// <summary>The place of a CSV line in messages.</summary>
    public static LocalizedText LineText(int line) => new($"第 {line} 行", $"line {line}");

    private static ValidationProblem Problem(string code, int line, string zh, string en) =>
        new(code, null, new($"第 {line} 行：{zh}", $"line {line}: {en}"));

    private static ValidationProblem BadBool(int line, string column, string value) =>
        Problem("bad-boolean", line, $"“{column}”的值“{value}”无效，应为 true/false、1/0、是/否", $"'{column}' has the value '{value}'; expected true/false, 1/0 or yes/no");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static bool? ParseBool(string s, bool empty) => s.ToLowerInvariant() switch
    {
        "" => empty,
        "true" or "1" or "yes" or "y" or "是" => true,
        "false" or "0" or "no" or "n" or "否" => false,
        _ => null,
    };
}
