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
        var table = CsvTable.Read(csv, Columns, Required);
        var problems = table.Problems;
        var users = new List<(OrgUserData, int)>();
        foreach (var record in table.Rows)
        {
            string Cell(string column) => record[column];
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

    private static ValidationProblem Problem(string code, int line, string zh, string en) => CsvTable.Problem(code, line, zh, en);

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
