using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Net.Http.Headers;

namespace Approvals.Host.Security;

/// <summary>
/// The API takes JSON bodies, sent as JSON: <c>application/json</c> or <c>application/*+json</c>. Accepting
/// <c>text/plain</c> or a form would let a plain HTML form on any page post JSON-looking text with the cookie (no
/// CORS preflight guards those types). The few endpoints that take files (an attachment, a CSV import) check
/// their own content type and are named here.
/// </summary>
public static class BodyTypes
{
    /// <summary>Route patterns whose endpoint decides its own body type (multipart upload, CSV or JSON import).</summary>
    private static readonly HashSet<string> OwnTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/requests/{id}/attachments",
        "/api/org/import",
        "/api/assets/import",
    };

    /// <summary>True when the request has a body and its endpoint takes JSON but the body is declared as something else.</summary>
    public static bool IsRefused(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api") || !HasBody(http.Request)) return false;
        // No endpoint: a 404 or 405 follows, which says more than a 415 would.
        if (http.GetEndpoint() is not RouteEndpoint endpoint) return false;
        if (OwnTypes.Contains(Normalize(endpoint.RoutePattern))) return false;
        return !IsJson(http.Request.ContentType);
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (media.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || media.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static string Normalize(RoutePattern pattern) => "/" + (pattern.RawText ?? "").Trim('/');
}
