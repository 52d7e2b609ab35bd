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
            if (Check(f, value!) is { } error) errors[f.Key] = error;
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
                if (f.Pattern is { } p && !Regex.IsMatch(text, $"^(?:{p})$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                    return new($"“{zh}”的格式不正确", $"'{en}' does not have the required format");
                return null;
        }
    }

    private static bool TryString(JsonNode value, out string s)
    {
        s = "";
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        s = v.GetValue<string>();
        return true;
    }
}
