using Approvals.Workflows.Definitions;

namespace Approvals.Host.Api;

/// <summary>
/// Gives the problem documents ASP.NET Core writes by itself (an unknown address, a method or media
/// type an endpoint does not take) the same shape as the API's own: a <c>code</c> and a title in the
/// caller's language. Problems that already carry a code are left alone.
/// </summary>
public static class FrameworkProblems
{
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        var (code, text) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("bad-request", new LocalizedText("请求无效", "the request is not valid")),
            StatusCodes.Status404NotFound => ("not-found", new LocalizedText("请求的地址不存在", "the requested address does not exist")),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", new LocalizedText("该地址不支持此请求方法", "this address does not support the request method")),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type",
                new LocalizedText("不支持的请求内容类型，请以 application/json 发送", "the request content type is not supported; send application/json")),
            { } status => ($"http-{status}", null),
            null => ("error", null),
        };
        problem.Extensions["code"] = code;
        if (text is not null) problem.Title = Language.Pick(context.HttpContext, text);
    }
}
