using Approvals.Workflows.Definitions;

namespace Approvals.Host.Security;

/// <summary>
/// Guards the requests that change something against forgery by another page (see <see cref="SameOrigin"/>) and
/// the API against bodies that are not JSON (see <see cref="BodyTypes"/>). A call with a bearer token is a program
/// holding a token, which no other page can attach, so it is not asked where it came from. The embedded provider's
/// protocol endpoints (<c>/connect/*</c>) are posted to by clients on other origins by design and are protected by
/// the protocol (client, redirect URI, PKCE); so are the host's own OpenID Connect callbacks (state, nonce and
/// correlation cookie), which a provider elsewhere may post back to. The SignalR connection of the web UI (<c>/_blazor</c>) is checked too:
/// a WebSocket handshake carries the cookie and is a GET, so it is asked by its Origin as well.
/// </summary>
public sealed class RequestProtection(RequestDelegate next, SameOrigin sameOrigin, ILogger<RequestProtection> log)
{
    public const string CrossOriginCode = "cross-origin-request";

    private static readonly LocalizedText CrossOrigin = new(
        "请求来自其他网站或端口，已拒绝：请在本系统的页面中操作",
        "the request came from another site or port and was refused; act from this system's own pages");

    private static readonly LocalizedText NotJson = new(
        "不支持的请求内容类型，请以 application/json 发送", "the request content type is not supported; send application/json");

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                             || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        var handshake = http.WebSockets.IsWebSocketRequest || request.Path.StartsWithSegments("/_blazor");
        if ((unsafeMethod || handshake) && !HasBearer(request) && !IsProtocolEndpoint(request.Path) && !sameOrigin.Allows(request))
        {
            log.LogWarning("Refused a cross-origin {Method} {Path} (Origin {Origin}, Sec-Fetch-Site {Site}, Referer {Referer})",
                request.Method, request.Path, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString(), request.Headers.Referer.ToString());
            await Refusals.WriteAsync(http, StatusCodes.Status403Forbidden, CrossOriginCode, CrossOrigin);
            return;
        }
        if (unsafeMethod && BodyTypes.IsRefused(http))
        {
            await Refusals.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", NotJson);
            return;
        }
        await next(http);
    }

    private static bool IsProtocolEndpoint(PathString path) =>
        path.StartsWithSegments("/connect") || path.StartsWithSegments("/signin-oidc") || path.StartsWithSegments("/signout-callback-oidc");

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

public static class RequestProtectionSetup
{
    public static void AddRequestProtection(this WebApplicationBuilder builder) => builder.Services.AddSingleton<SameOrigin>();

    /// <summary>After the error handler (its answers are problem documents), before authentication and the endpoints.</summary>
    public static void UseRequestProtection(this WebApplication app) => app.UseMiddleware<RequestProtection>();
}
