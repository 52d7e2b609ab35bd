using System.Globalization;
using System.Text.RegularExpressions;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;

namespace Approvals.Activities.Assets;

/// <summary>One asset as a CSV record gives it, with the line it starts on. Empty optional cells are null.</summary>
public sealed record AssetCsvRow(int Line, string Code, string Name, string Category, string Section, string? Location, decimal? Value, string? Status);

/// <summary>
/// The register's CSV: a header naming the columns (<see cref="Columns"/>, any order, any case; the Chinese
/// names 编号, 名称, 类别, 科室, 存放地点, 价值, 状态 are accepted too), then one asset per record. UTF-8, with or
/// without a BOM; fields with commas, quotes or line breaks in double quotes. Reading reports every problem
/// with its line instead of stopping at the first one.
/// </summary>
public static partial class AssetCsv
{
    /// <summary>The columns, in the order an export writes them.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "name", "category", "section", "location", "value", "status"];

    private static readonly string[] Required = ["code", "name", "category", "section"];

    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["编号"] = "code", ["资产编号"] = "code", ["名称"] = "name", ["资产名称"] = "name", ["类别"] = "category",
        ["科室"] = "section", ["使用科室"] = "section", ["存放地点"] = "location", ["地点"] = "location",
        ["价值"] = "value", ["原值"] = "value", ["状态"] = "status",
    };

    /// <summary>Register codes: a letter or digit, then letters, digits, '.', '_' or '-' (they appear in URLs).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex CodePattern();

    /// <summary>The rows of <paramref name="csv"/> and every problem found while reading (syntax, columns, cell values).</summary>
    public static (IReadOnlyList<AssetCsvRow> Rows, IReadOnlyList<ValidationProblem> Problems) Read(string csv)
    {
        var table = CsvTable.Read(csv, Columns, Required, ChineseNames);
        var problems = table.Problems;
        var rows = new List<AssetCsvRow>();
        if (!table.HeaderValid) return (rows, problems);
        if (table.Rows.Count == 0 && problems.Count == 0)
            problems.Add(Problem("csv-no-rows", table.HeaderLine, "只有表头，没有资产数据", "the file has a header but no assets"));

        foreach (var record in table.Rows)
        {
            string Cell(string column) => record[column];
            var line = record.Line;
            var before = problems.Count;

            var code = Cell("code");
            if (code.Length == 0) problems.Add(Missing(line, "code", "资产编号"));
            else if (!CodePattern().IsMatch(code))
                problems.Add(Problem("bad-code", line, $"资产编号“{code}”无效：只能用字母、数字、点、下划线和连字符，最多 64 个字符，如 ZC-2023-0012",
                    $"the asset code '{code}' is invalid: letters, digits, '.', '_' and '-' only, at most 64 characters, e.g. ZC-2023-0012"));
            foreach (var (column, zh) in new[] { ("name", "资产名称"), ("category", "类别"), ("section", "科室") })
                if (Cell(column).Length == 0) problems.Add(Missing(line, column, zh));
            foreach (var (column, zh) in new[] { ("name", "资产名称"), ("category", "类别"), ("location", "存放地点") })
                if (Cell(column).Length > 200)
                    problems.Add(Problem("too-long", line, $"“{zh}”最多 200 个字", $"'{column}' allows at most 200 characters"));

            decimal? value = null;
            if (Cell("value") is { Length: > 0 } v)
            {
                if (decimal.TryParse(v.TrimStart('¥', '￥'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && parsed < 1_000_000_000_000m
                    && decimal.Round(parsed, 2) == parsed)
                    value = parsed;
                else
                    problems.Add(Problem("bad-value", line, $"价值“{v}”无效：应为不小于 0 的金额（元），最多两位小数，如 5800 或 5800.00",
                        $"the value '{v}' is invalid: expected an amount in CNY, not negative, at most two decimals, e.g. 5800 or 5800.00"));
            }

            string? status = null;
            if (Cell("status") is { Length: > 0 } s)
            {
                status = AssetStatusText.Parse(s);
                if (status is null)
                    problems.Add(Problem("bad-status", line, $"状态“{s}”无效：应为 InUse（在用）或 Retired（已报废）", $"the status '{s}' is invalid: expected InUse or Retired"));
                else if (status == Approvals.Workflows.Office.AssetStatuses.InTransfer)
                    problems.Add(Problem("status-in-transfer", line, "状态不能导入为“调换中”：只有资产调换流程可以锁定资产",
                        "the status cannot be imported as InTransfer: only a transfer case reserves an asset"));
            }
            if (problems.Count == before)
                rows.Add(new AssetCsvRow(line, code, Cell("name"), Cell("category"), Cell("section"), NullIfEmpty(Cell("location")), value, status));
        }
        return (rows, problems);
    }

    /// <summary>A problem at a CSV line, the line named in both languages.</summary>
    public static ValidationProblem Problem(string code, int line, string zh, string en) => CsvTable.Problem(code, line, zh, en);

    private static ValidationProblem Missing(int line, string column, string zh) =>
        Problem("missing-value", line, $"缺少“{zh}”（{column}）", $"'{column}' is empty");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
