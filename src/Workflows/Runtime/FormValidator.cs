using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Runtime;

/// <summary>Checks submitted start-form data against the form's fields (the web UI runs the same rules).</summary>
public static class FormValidator
{
    /// <summary>Per-field errors; empty when the input is acceptable. Unknown keys are errors too.</summary>
    public static Dictionary<string, LocalizedText> Validate(IReadOnlyList<FormField> fields, JsonObject input)
    {
        var errors = new Dictionary<string, LocalizedText>();
        foreach (var key in input.Select(p => p.Key).Where(k => fields.All(f => f.Key != k)))
            errors[key] = new($"表单没有字段“{key}”", $"the form has no field '{key}'");
        foreach (var f in fields)
        {
            var value = input[f.Key];
            var empty = value is null || value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(sv.GetValue<string>())
                        || value is JsonArray { Count: 0 };
            if (empty)
            {
                if (f.Required) errors[f.Key] = new($"请填写“{f.Label.ZhCN}”", $"'{f.Label.En}' is required");
                continue;
            }
            if (TooDeep(value!))
                errors[f.Key] = new($"“{f.Label.ZhCN}”的内容嵌套过深", $"'{f.Label.En}' is nested too deeply");
            else if (Check(f, value!) is { } error) errors[f.Key] = error;
        }
        return errors;
    }

    private static LocalizedText? Check(FormField f, JsonNode value)
    {
        string zh = f.Label.ZhCN, en = f.Label.En;
        switch (f.Type)
        {
            case FormFieldType.Number:
                if (value is not JsonValue nv || nv.GetValueKind() != JsonValueKind.Number)
                    return new($"“{zh}”必须是数字", $"'{en}' must be a number");
                if (!decimal.TryParse(nv.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    return new($"“{zh}”的数值超出范围", $"'{en}' is out of range");
                if (f.Min is { } min && decimal.TryParse(min, CultureInfo.InvariantCulture, out var lo) && n < lo)
                    return new($"“{zh}”不能小于 {min}", $"'{en}' must be at least {min}");
                if (f.Max is { } max && decimal.TryParse(max, CultureInfo.InvariantCulture, out var hi) && n > hi)
                    return new($"“{zh}”不能大于 {max}", $"'{en}' must be at most {max}");
                return null;
            case FormFieldType.Date or FormFieldType.DateTime:
                if (!TryString(value, out var ds)
                    || (f.Type == FormFieldType.Date ? !DateOnly.TryParseExact(ds, "yyyy-MM-dd", out _) : !DateTimeOffset.TryParse(ds, CultureInfo.InvariantCulture, out _)))
                    return new($"“{zh}”不是有效的{(f.Type == FormFieldType.Date ? "日期" : "时间")}", $"'{en}' is not a valid {(f.Type == FormFieldType.Date ? "date (yyyy-MM-dd)" : "date and time")}");
                if (f.Min is { } dmin && string.CompareOrdinal(ds, dmin) < 0) return new($"“{zh}”不能早于 {dmin}", $"'{en}' must not be before {dmin}");
                if (f.Max is { } dmax && string.CompareOrdinal(ds, dmax) > 0) return new($"“{zh}”不能晚于 {dmax}", $"'{en}' must not be after {dmax}");
                return null;
            case FormFieldType.Select:
                if (!TryString(value, out var choice) || f.Options?.Any(o => o.Value == choice) != true)
                    return new($"“{zh}”的选项无效", $"'{en}' is not one of the choices");
                return null;
            case FormFieldType.File:
                return value is JsonArray or JsonValue ? null : new($"“{zh}”的附件格式无效", $"'{en}' has an invalid attachment value");
            default:
                if (!TryString(value, out var text)) return new($"“{zh}”必须是文本", $"'{en}' must be text");
                if (f.Min is { } tmin && int.TryParse(tmin, out var minLen) && text.Length < minLen)
                    return new($"“{zh}”至少 {minLen} 个字", $"'{en}' needs at least {minLen} characters");
                var maxLen = f.Max is { } tmax && int.TryParse(tmax, out var ml) ? ml : f.Type == FormFieldType.Multiline ? 10_000 : 500;
                if (text.Length > maxLen) return new($"“{zh}”最多 {maxLen} 个字", $"'{en}' allows at most {maxLen} characters");
                return f.Pattern is { } p ? CheckPattern(p, text, zh, en) : null;
        }
    }

    /// <summary>How long one field's pattern may take; a backtracking pattern gives up instead of holding the request.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The regular expression a field's pattern stands for: the whole text must match.</summary>
    public static Regex PatternRegex(string pattern) => new($"^(?:{pattern})$", RegexOptions.None, PatternTimeout);

    private static LocalizedText? CheckPattern(string pattern, string text, string zh, string en)
    {
        try
        {
            return PatternRegex(pattern).IsMatch(text) ? null : new($"“{zh}”的格式不正确", $"'{en}' does not have the required format");
        }
        catch (RegexMatchTimeoutException)
        {
            return new($"“{zh}”无法在限定时间内校验，请简化填写内容或联系管理员", $"'{en}' could not be checked in time; simplify the value or contact an administrator");
        }
        catch (ArgumentException)
        {
            // Publishing refuses an invalid pattern; one that slipped through is the definition's fault, not the user's.
            return new($"“{zh}”的格式规则无效，请联系管理员", $"'{en}' has an invalid format rule; contact an administrator");
        }
    }

    /// <summary>No field holds more than a list of small objects; deeper values would only burden every later step.</summary>
    private static bool TooDeep(JsonNode value)
    {
        var pending = new Stack<(JsonNode Node, int Depth)>([(value, 1)]);
        while (pending.TryPop(out var item))
        {
            if (item.Depth > 4) return true;
            IEnumerable<JsonNode?> children = item.Node switch
            {
                JsonArray a => a, JsonObject o => o.Select(p => p.Value), _ => [],
            };
            foreach (var child in children)
                if (child is not null) pending.Push((child, item.Depth + 1));
        }
        return false;
    }

    private static bool TryString(JsonNode value, out string s)
    {
        s = "";
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        s = v.GetValue<string>();
        return true;
    }
}
