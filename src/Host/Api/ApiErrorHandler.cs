using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Approvals.Host.Api;

/// <summary>
/// Turns every error into an RFC 7807 problem document in the caller's language: service errors by
/// their kind, unreadable bodies as 400, and anything unexpected as a 500 that names no internals.
/// </summary>
public sealed class ApiErrorHandler(IProblemDetailsService problems, ILogger<ApiErrorHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var fault = exception is ApprovalException ? null : StorageFault.Of(exception);
        var (status, code, text) = exception switch
        {
            ApprovalException e => (StatusOf(e.Kind), e.Code, e.Text),
            // A lock wait that timed out outside the engine's commit (which answers it itself) is "busy" too.
            _ when StorageBusy.Is(exception) => (StatusOf(ErrorKind.Unavailable), StorageBusy.Code, StorageBusy.Error(exception).Text),
            _ when fault is not null => (fault.Status, fault.Code, fault.Text),
            BadHttpRequestException e => (e.StatusCode, "bad-request", BindingText.For(http, e)
                ?? new LocalizedText($"请求内容无法读取：{e.Message}", $"the request could not be read: {e.Message}")),
            _ => (500, "internal-error", new LocalizedText("服务器内部错误，请稍后重试；问题已记录", "internal error; it has been logged, please try again later")),
        };
        if (fault is not null) log.LogError(exception, "Storage fault ({Code}) on {Path}", fault.Code, http.Request.Path);
        else if (status >= 500) log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        // A browser on a page outside the API (the sign-in pages, /connect/authorize) gets a page in its language, not JSON.
        if (status >= 500 && WantsPage(http))
        {
            http.Response.StatusCode = status;
            var title = Language.Pick(http, status >= 500 && fault is null
                ? new LocalizedText("服务器出错了", "Something went wrong") : new LocalizedText("暂时无法完成", "This could not be done now"));
            var body = $"<h1>{SignIn.Pages.E(title)}</h1>\n<p id=\"error-message\">{SignIn.Pages.E(Language.Pick(http, text))}</p>\n" +
                       $"<p><a href=\"{SignIn.Pages.E(http.Request.PathBase + http.Request.Path + http.Request.QueryString)}\">" +
                       $"{SignIn.Pages.E(Language.Pick(http, new LocalizedText("重试", "Try again")))}</a></p>";
            await SignIn.Pages.Page(http, title, body, status).ExecuteAsync(http);
            return true;
        }
        var details = new ProblemDetails
        {
            Status = status,
            Title = Language.Pick(http, text),
            Type = $"https://approvals.local/errors/{code}",
        };
        details.Extensions["code"] = code;
        if (exception is ApprovalException ae)
        {
            if (ae.FieldErrors.Count > 0)
                details.Extensions["errors"] = ae.FieldErrors.ToDictionary(f => f.Key, f => Language.Pick(http, f.Value));
            if (ae.Problems.Count > 0)
                details.Extensions["problems"] = ae.Problems.Select(p => new
                {
                    p.Code, p.ActivityId, message = Language.Pick(http, p.Message), messageZh = p.Message.ZhCN, messageEn = p.Message.En,
                }).ToList();
        }
        // Busy is short-lived (a lock held by another request): the client may try again soon.
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "1";
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A browser's navigation outside <c>/api</c>: it asked for HTML.</summary>
    private static bool WantsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api")
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
