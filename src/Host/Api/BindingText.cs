using System.Reflection;
using System.Text.RegularExpressions;
using Approvals.Workflows.Definitions;
using Microsoft.AspNetCore.Diagnostics;

namespace Approvals.Host.Api;

/// <summary>
/// The caller's-language text for a parameter the framework could not bind (<c>?page=abc</c>,
/// <c>?status=Sleeping</c>): which parameter, the value sent, and what it should be. The framework's own
/// message is English only and names .NET types (<c>Nullable&lt;int&gt;</c>).
/// </summary>
public static partial class BindingText
{
    private const int MaxShownValue = 80;

    /// <summary>The text for a binding failure, or null when the message is not one of the known forms.</summary>
    public static LocalizedText? For(HttpContext http, BadHttpRequestException e)
    {
        if (FailedToBind().Match(e.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var value = bind.Groups["value"].Value;
            if (value.Length > MaxShownValue) value = value[..MaxShownValue] + "…";
            var (zh, en) = Expected(ParameterType(http, name));
            return new LocalizedText($"参数 {name} 的值“{value}”无效：应为{zh}", $"the value '{value}' of parameter {name} is not valid: expected {en}");
        }
        if (NotProvided().Match(e.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return new LocalizedText($"缺少必填参数 {name}", $"the parameter {name} is required");
        }
        return null;
    }

    /// <summary>The declared type of the handler's parameter, from the endpoint's method.</summary>
    private static Type? ParameterType(HttpContext http, string name)
    {
        // The error handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var type = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static (string Zh, string En) Expected(Type? type) => type switch
    {
        null => ("其他值", "another value"),
        { IsEnum: true } => ($" {string.Join("、", Enum.GetNames(type))} 之一", "one of " + string.Join(", ", Enum.GetNames(type))),
        _ when type == typeof(bool) => (" true 或 false", "true or false"),
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => ("整数", "a whole number"),
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => ("数字", "a number"),
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => ("时间，例如 2026-11-02T08:40:00+08:00", "a time such as 2026-11-02T08:40:00+08:00"),
        _ when type == typeof(DateOnly) => ("日期，例如 2026-11-02", "a date such as 2026-11-02"),
        _ => ($" {type.Name} 类型的值", "a " + type.Name),
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex NotProvided();
}
