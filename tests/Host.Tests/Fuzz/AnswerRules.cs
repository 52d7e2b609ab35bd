using System.Text.RegularExpressions;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// What every answer to bad input must be: never a 5xx, and a 4xx with a body is an RFC 7807 problem document
/// (<c>application/problem+json</c>) with a title in the caller's language.
/// </summary>
public static partial class AnswerRules
{
    /// <summary>Null when the answer keeps the rules, else what is wrong.</summary>
    public static string? Broken(ApiProbe probe, int status, string? mediaType, string body)
    {
        if (status >= 500) return $"answered {status}";
        if (status < 400 || body.Length == 0) return null;
        if (mediaType != "application/problem+json") return $"a {status} that is {mediaType ?? "untyped"}, not a problem document";
        JsonObject? problem;
        try { problem = JsonNode.Parse(body) as JsonObject; }
        catch (System.Text.Json.JsonException) { problem = null; }
        var title = (string?)problem?["title"];
        if (string.IsNullOrWhiteSpace(title)) return $"a {status} problem document without a title";
        if (probe.WantsEnglish)
        {
            // Echoed values ('…') and JSON paths may hold Chinese the caller sent; the message around them may not.
            var own = PathPart().Replace(QuotedPart().Replace(title, ""), "");
            if (Cjk().IsMatch(own)) return $"a {status} in Chinese to a caller who asked for English: {title}";
        }
        else if (!Cjk().IsMatch(title)) return $"a {status} not in Chinese (the default language): {title}";
        return null;
    }

    [GeneratedRegex(@"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex QuotedPart();

    [GeneratedRegex(@"\$[^\s|]*")]
    private static partial Regex PathPart();
}
