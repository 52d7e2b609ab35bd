using Approvals.Host.SignIn;

namespace Approvals.Host.Security;

/// <summary>
/// Whether a request that changes something was sent by this host's own pages. A browser attaches the sign-in
/// cookie to a form another page submits, and cookies do not tell ports apart (a page on
/// <c>http://127.0.0.1:41039</c> is "same-site" with this host), so the cookie alone proves nothing. Asked in order:
/// <list type="number">
/// <item><c>Sec-Fetch-Site</c> (set by the browser, not by a page): <c>same-origin</c> or <c>none</c> (typed by the
/// person) pass; <c>same-site</c> and <c>cross-site</c> are refused;</item>
/// <item>without it, <c>Origin</c>, else <c>Referer</c>: its origin must be one of this host's (the public origin,
/// the listening ones, the origin the request itself was sent to); <c>Origin: null</c> is refused;</item>
/// <item>none of the three: not a browser (a script with a copied cookie is no forgery), so it passes.</item>
/// </list>
/// </summary>
public sealed class SameOrigin(HostOrigins origins)
{
    public bool Allows(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return origin != "null" && IsOurs(Origins.Of(origin), request);
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0) return IsOurs(Origins.Of(referer), request);
        return true;
    }

    private bool IsOurs(string? origin, HttpRequest request) =>
        origin is not null
        && (origin == Origins.Of($"{request.Scheme}://{request.Host}") || origins.BrowserOrigins().Contains(origin));
}
