using System.Text;

namespace Approvals.Workflows.Organization;

/// <summary>One CSV record with the (1-based) line it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV syntax error at a line.</summary>
public sealed record CsvError(int Line, string MessageZh, string MessageEn);

/// <summary>
/// A small RFC 4180 reader: comma separated, fields optionally in double quotes, <c>""</c> for a quote inside
/// quotes, commas and line breaks allowed inside quotes, CRLF or LF line ends, an optional UTF-8 BOM.
/// Blank lines are skipped. Errors do not stop the reader, so every bad line can be reported.
/// </summary>
public static class CsvReader
{
    public static (IReadOnlyList<CsvRecord> Records, IReadOnlyList<CsvError> Errors) Parse(string text)
    {
        var records = new List<CsvRecord>();
        var errors = new List<CsvError>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var recordLine = 1;
        var quoted = false;     // inside a quoted field
        var wasQuoted = false;  // the current field was quoted (only a separator or line end may follow)
        var badRecord = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            wasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            var blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank && !badRecord) records.Add(new CsvRecord(recordLine, fields.ToArray()));
            fields.Clear();
            badRecord = false;
            recordLine = line;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else { quoted = false; wasQuoted = true; }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break; // the '\n' ends the record
                case '\n' or '\r':
                    line++;
                    EndRecord();
                    break;
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    break;
                default:
                    if (wasQuoted || c == '"')
                    {
                        if (!badRecord)
                            errors.Add(new CsvError(line, "引号使用不正确：引号只能包住整个字段，字段内的引号要写成两个 (\"\")",
                                "misplaced quote: quotes must enclose the whole field, and a quote inside one is written twice (\"\")"));
                        badRecord = true;
                    }
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            errors.Add(new CsvError(recordLine, "引号没有闭合（从此行开始的字段一直到文件末尾）", "unterminated quote (the field starting on this line runs to the end of the file)"));
            badRecord = true;
        }
        EndRecord();
        return (records, errors);
    }
}
