using Approvals.Workflows.Definitions;

namespace Approvals.Host.Api;

/// <summary>The caller's language: <c>?lang=</c>, else Accept-Language; Chinese unless English is asked for.</summary>
public static class Language
{
    public static string Of(HttpContext http)
    {
        if (http.Request.Query.TryGetValue("lang", out var q) && !string.IsNullOrEmpty(q)) return q!;
        var header = http.Request.Headers.AcceptLanguage.ToString();
        return header.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";
    }

    public static string Pick(HttpContext http, LocalizedText text) => text.In(Of(http));
}
