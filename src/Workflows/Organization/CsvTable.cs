using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Organization;

/// <summary>One CSV record of a <see cref="CsvTable"/>: its line and its cells by column name (trimmed; "" when absent).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.GetValueOrDefault(column, "");
}

/// <summary>
/// A CSV file read against known columns (any order, any case, optional aliases such as Chinese names):
/// the records whose column count matches the header, and every problem found, each with its line in both
/// languages. Imports build on it so that one bad line is reported with the others, not instead of them.
/// </summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<CsvRow> rows, List<ValidationProblem> problems, bool headerValid, int headerLine)
    {
        Rows = rows;
        Problems = problems;
        HeaderValid = headerValid;
        HeaderLine = headerLine;
    }

    public IReadOnlyList<CsvRow> Rows { get; }
    /// <summary>Problems so far; the importer adds the ones about cell values.</summary>
    public List<ValidationProblem> Problems { get; }
    /// <summary>False when the file is empty or its header has unknown, duplicate or missing columns (then there are no rows).</summary>
    public bool HeaderValid { get; }
    public int HeaderLine { get; }

    public static CsvTable Read(string csv, IReadOnlyList<string> columns, IReadOnlyCollection<string> required,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        var (records, errors) = CsvReader.Parse(csv);
        var problems = errors.Select(e => Problem("csv-syntax", e.Line, e.MessageZh, e.MessageEn)).ToList();
        if (records.Count == 0)
        {
            if (problems.Count == 0) problems.Add(Problem("csv-empty", 1, "文件中没有表头和数据", "the file has no header and no rows"));
            return new CsvTable([], problems, false, 1);
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerProblems = problems.Count;
        for (var c = 0; c < header.Fields.Count; c++)
        {
            var name = header.Fields[c].Trim();
            var known = columns.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? aliases?.GetValueOrDefault(name);
            if (known is null)
                problems.Add(Problem("unknown-column", header.Line, $"未知的列“{name}”；可用的列：{string.Join(",", columns)}", $"unknown column '{name}'; the columns are {string.Join(",", columns)}"));
            else if (!index.TryAdd(known, c))
                problems.Add(Problem("duplicate-column", header.Line, $"列“{known}”出现了两次", $"column '{known}' appears twice"));
        }
        foreach (var r in required.Where(r => !index.ContainsKey(r)))
            problems.Add(Problem("missing-column", header.Line, $"缺少必需的列“{r}”", $"the required column '{r}' is missing"));
        if (problems.Count > headerProblems) return new CsvTable([], problems, false, header.Line);

        var rows = new List<CsvRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(Problem("column-count", record.Line, $"有 {record.Fields.Count} 列，表头有 {header.Fields.Count} 列（含逗号的内容请用英文双引号括起来）",
                    $"has {record.Fields.Count} columns but the header has {header.Fields.Count} (enclose values containing commas in double quotes)"));
                continue;
            }
            rows.Add(new CsvRow(record.Line, index.ToDictionary(p => p.Key, p => record.Fields[p.Value].Trim())));
        }
        return new CsvTable(rows, problems, true, header.Line);
    }

    /// <summary>A problem at a CSV line, the line named in both languages.</summary>
    public static ValidationProblem Problem(string code, int line, string zh, string en) =>
        new(code, null, new LocalizedText($"第 {line} 行：{zh}", $"line {line}: {en}"));
}
