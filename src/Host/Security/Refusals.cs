using Approvals.Host.Api;
using Approvals.Host.SignIn;
using Approvals.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc;

namespace Approvals.Host.Security;

/// <summary>How the request protection says no: a problem document for the API and programs, a Chinese (or English) page for a person's browser.</summary>
internal static class Refusals
{
    public static async Task WriteAsync(HttpContext http, int status, string code, LocalizedText text)
    {
        http.Response.StatusCode = status;
        if (WantsPage(http))
        {
            await Pages.Page(http, Pages.T(http, "无法完成操作", "Cannot complete this"),
                $"""
                <h1>{Pages.E(Pages.T(http, "无法完成操作", "Cannot complete this"))}</h1>
                <p class="error" role="alert">{Pages.E(Pages.English(http) ? text.En : text.ZhCN)}</p>
                <a class="button" href="/">{Pages.E(Pages.T(http, "返回首页", "Back to the start page"))}</a>
                """, status).ExecuteAsync(http);
            return;
        }
        var details = new ProblemDetails { Status = status, Title = Language.Pick(http, text), Type = $"https://approvals.local/errors/{code}" };
        details.Extensions["code"] = code;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details });
    }

    /// <summary>A page for the server-rendered sign-in forms a browser navigated to; the API and SignalR always get a problem document.</summary>
    private static bool WantsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/_blazor")
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
