using System.Text;
using CsCheck;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// Generators of malformed JSON text. Values are built as raw text, not as JSON trees, so they can hold what no
/// serializer writes: lone surrogates (<c>"\ud800"</c>), numbers beyond any numeric type, invalid UTF-8 and nesting
/// deeper than any reader allows.
/// </summary>
public static class MalformedJson
{
    /// <summary>Replaced by invalid UTF-8 bytes when the body is encoded (a string cannot hold them).</summary>
    public const string BadUtf8 = "@@BAD-UTF8@@";

    /// <summary>Field names the API reads somewhere, so generated objects reach past "unknown field".</summary>
    public static readonly string[] FieldNames =
    [
        "definitionId", "input", "reason", "text", "comment", "users", "user", "targetActivityId", "position", "formChanges", "data",
        "name", "correlationKey", "payload", "sections", "groups", "members", "id", "version", "description", "category", "variables",
        "startForm", "activities", "connections", "label", "key", "type", "inputs", "source", "outcome", "target", "from", "to",
        "delegateId", "userId", "zh-CN", "en", "docNo", "amount", "days", "chief", "deputyDirector", "order", "section", "isAdmin",
        "active", "options", "value", "default", "displayName", "x", "y", "required", "min", "max", "pattern", "help",
    ];

    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "1E-400", "99999999999999999999999999999999999999",
        "2147483648", "-2147483649", "9223372036854775808", "79228162514264337593543950336", "0.1e1000000",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "\\ud800", "\\udc00", "a\\ud800b", "\\ud800\\ud800", "\\udfff\\ud800", "x\\ud83d", "\\u0000", "\\n\\t\\r",
        "中文测试", "😀", "\\ud83d\\ude00", "<script>alert(1)</script>", "../../etc/passwd", "'; drop table users; --",
        "2026-13-45", "2026-11-02T08:40:00+08:00", "2026-11-02", "00000000-0000-0000-0000-000000000000", "-1", "1e400",
        "true", "null", "%00", BadUtf8, "a" + BadUtf8 + "b",
    ];

    /// <summary>A string literal, from the list above, a known id, or random text; sometimes very long.</summary>
    public static Gen<string> StringLiteral(IReadOnlyList<string> knownIds) => Gen.Frequency(
        (6, Gen.OneOf(Strings)),
        (3, Gen.OneOf([.. knownIds])),
        (2, Gen.String[Gen.Char['\u0020', '\u007e'], 0, 40].Select(Escape)),
        (1, Gen.OneOf(1000, 70_000).Select(n => new string('长', n))))
        .Select(s => "\"" + s + "\"");

    /// <summary>Any JSON value, nested a few levels: scalars, strings, empty and odd containers, objects of known and unknown fields.</summary>
    public static Gen<string> Value(IReadOnlyList<string> knownIds) => Gen.Recursive<string>((depth, value) =>
    {
        var leaf = Gen.Frequency(
            (3, Gen.OneOf(Scalars)),
            (4, StringLiteral(knownIds)),
            (1, Gen.OneOf("{}", "[]", "[null]", "{\"\":null}", "[[]]", "{\"\\ud800\":1}")),
            (1, Gen.Int[1, 1000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (depth >= 3) return leaf;
        return Gen.Frequency(
            (5, leaf),
            (1, value.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Object(value, knownIds)));
    });

    /// <summary>An object whose fields are mostly ones the API knows, with the given values.</summary>
    public static Gen<string> Object(Gen<string> value, IReadOnlyList<string> knownIds) =>
        Gen.Select(FieldName, value).Array[0, 5]
            .Select(fields => "{" + string.Join(",", fields.Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}");

    private static readonly Gen<string> FieldName = Gen.Frequency(
        (8, Gen.OneOf(FieldNames)),
        (1, Gen.OneOf("colour", "", "__proto__", "\\ud800", "中文", "$type", "a.b")),
        (1, Gen.String[Gen.Char['a', 'z'], 1, 12]));

    /// <summary>Text that is not JSON at all, or JSON cut short or over-nested.</summary>
    public static Gen<string> NotJson(IReadOnlyList<string> seeds) => Gen.Frequency(
        (3, Gen.OneOf("{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "nul", "tru", "\"open",
            "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "\uFEFF{}", "{/*c*/}", "0x10", "NaN", "Infinity", "{\"a\":01}", "\"\\x41\"", "\"\\u12\"",
            "\"a\u0001b\"", "{\"a\":\"\\ud800\"", "=definitionId", "<xml/>")),
        (2, Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Double[0, 1]).Select((i, at) => seeds[i][..(int)(seeds[i].Length * at)])),
        (2, Gen.OneOf(200, 5_000, 100_000).Select(n => new string('[', n) + new string(']', n))),
        (1, Gen.OneOf(65, 1_000).Select(n => string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n))),
        (1, Gen.String[Gen.Char['\u0000', '\u00ff'], 1, 60]));

    /// <summary>Escapes a printable string for a JSON literal.</summary>
    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        return sb.ToString();
    }

    /// <summary>The UTF-8 bytes of generated text, with every <see cref="BadUtf8"/> replaced by bytes no decoder accepts.</summary>
    public static byte[] Encode(string text)
    {
        if (!text.Contains(BadUtf8, StringComparison.Ordinal)) return Encoding.UTF8.GetBytes(text);
        var parts = text.Split(BadUtf8);
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) bytes.AddRange([0xED, 0xA0, 0x80, 0xFF, 0xC3, 0x28]); // an encoded surrogate, a byte never valid, a broken pair
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }
        return [.. bytes];
    }
}
