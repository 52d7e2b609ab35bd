namespace Approvals.Host.Security;

/// <summary>
/// Headers on every answer: no MIME sniffing, no framing by any page (clickjacking), the referrer only to this
/// host, and a Content-Security-Policy. The UI's policy allows what Blazor Server, MudBlazor and the designer
/// need: scripts from this host only, inline styles (MudBlazor and the diagram set style attributes), images
/// from here and data:/blob: URLs, the SignalR connection back to this host. The API reference (Scalar) runs one
/// inline module script with its configuration, so its pages alone may run inline scripts. A page that sets a
/// stricter policy itself (the sign-in pages: no scripts at all) keeps its own.
/// </summary>
public static class SecurityHeaders
{
    public const string UiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((http, next) =>
    {
        var reference = http.Request.Path.StartsWithSegments("/api/reference") || http.Request.Path.StartsWithSegments("/scalar");
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
            if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                headers.ContentSecurityPolicy = reference ? ReferencePolicy : UiPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
