using System.Text;
using System.Text.Encodings.Web;
using Approvals.Host.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace Approvals.Host.SignIn;

/// <summary>
/// The small server-rendered pages of sign-in (the provider's login page, the unknown-user page, sign-out): plain
/// HTML, Chinese unless English is chosen (<c>?lang=en</c> or the UI's language switch), usable on a phone, no script.
/// </summary>
public static class Pages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// English only when chosen: <c>?lang=</c>, else the web UI's language choice (its culture cookie). A browser
    /// set to English still gets Chinese first, as the rest of the UI does; the switch is one click away.
    /// </summary>
    public static bool English(HttpContext http) =>
        (ChosenLanguage(http) ?? "zh-CN").StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The language asked for explicitly: <c>?lang=</c> or the web UI's culture cookie; null when neither.</summary>
    public static string? ChosenLanguage(HttpContext http) =>
        LangParameter(http)
        ?? (http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] is { } cookie
            && CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen && chosen.UICultures.Count > 0
                ? chosen.UICultures[0].Value
                : null);

    /// <summary>The text in the caller's language.</summary>
    public static string T(HttpContext http, string zh, string en) => English(http) ? en : zh;

    public static string E(string? text) => Html.Encode(text ?? "");

    /// <summary>A hidden antiforgery field for a form on this page (also sets the antiforgery cookie).</summary>
    public static string AntiforgeryField(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }

    /// <summary>The <c>lang</c> query parameter to carry along, when the page was asked for in a language explicitly.</summary>
    public static string? LangParameter(HttpContext http) =>
        http.Request.Query.TryGetValue("lang", out var lang) && !string.IsNullOrWhiteSpace(lang) ? lang.ToString() : null;

    /// <summary><paramref name="path"/> with the page's explicit <c>lang</c> carried along.</summary>
    public static string WithLang(HttpContext http, string path) =>
        LangParameter(http) is { } lang ? path + (path.Contains('?') ? "&" : "?") + "lang=" + Uri.EscapeDataString(lang) : path;

    /// <summary>A whole page: <paramref name="body"/> is HTML already encoded by the caller.</summary>
    public static IResult Page(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        var lang = English(http) ? "en" : "zh-CN";
        var product = T(http, "区政府办公室审批平台", "District Office Approvals");
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" · ").Append(E(product)).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main class=\"card\">\n")
            .Append("<p class=\"product\">").Append(E(product)).Append("</p>\n")
            .Append(body)
            .Append("\n</main>\n</body>\n</html>\n")
            .ToString();
        http.Response.Headers.CacheControl = "no-store";
        // No scripts at all; framing refused (clickjacking of the login form). The other headers are set for every
        // answer (Security/SecurityHeaders.cs); the referrer policy there is same-origin, so the forms' own posts
        // carry their Origin (under no-referrer a browser would send "Origin: null").
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A link that switches the page's language, keeping the other query parameters.</summary>
    public static string LanguageSwitch(HttpContext http)
    {
        var toEnglish = !English(http);
        var query = http.Request.Query.Where(q => q.Key != "lang").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["lang"] = toEnglish ? "en" : "zh-CN";
        var url = http.Request.PathBase + http.Request.Path + QueryString.Create(query);
        return $"""<p class="switch"><a href="{E(url)}" lang="{(toEnglish ? "en" : "zh-CN")}">{(toEnglish ? "English" : "中文")}</a></p>""";
    }

    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;background:#f2f4f7;color:#1f2329;
          font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
        .card{width:100%;max-width:420px;margin:8vh 16px 24px;padding:28px 24px;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
        .product{margin:0 0 4px;color:#8a6d3b;font-size:14px;letter-spacing:.05em}
        h1{margin:0 0 20px;font-size:22px;color:#a61b1b}
        .field{margin:0 0 16px}
        label{display:block;margin:0 0 6px;font-weight:600}
        input[type=text],input[type=password]{width:100%;padding:12px;font-size:16px;border:1px solid #c9cdd4;border-radius:8px}
        input:focus{outline:3px solid #f0b429;outline-offset:1px;border-color:#a61b1b}
        input[aria-invalid=true]{border-color:#c62828}
        button,.button{display:block;width:100%;padding:12px;font-size:17px;font-weight:600;color:#fff;background:#a61b1b;border:0;border-radius:8px;
          text-align:center;text-decoration:none;cursor:pointer}
        button:focus,.button:focus,a:focus{outline:3px solid #f0b429;outline-offset:2px}
        .secondary{margin-top:12px;color:#a61b1b;background:#fff;border:1px solid #a61b1b}
        .error{margin:0 0 16px;padding:10px 12px;color:#b71c1c;background:#fdecea;border-radius:8px}
        .note{color:#4e5969}
        .hint{margin:16px 0 0;color:#86909c;font-size:14px}
        .switch{margin:16px 0 0;text-align:right;font-size:14px}
        a{color:#a61b1b}
        """;
}
