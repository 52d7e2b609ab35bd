using Approvals.Host.Tests.Fuzz;
using Approvals.Host.Tests.Tasks;

namespace Approvals.Host.Tests.Authorization;

/// <summary>
/// Who may call each operation of <c>/openapi/v1.json</c>, written down once: the operations for administrators only,
/// the ones any member may call on any object (a published flow, the directory), and for the rest which of
/// <see cref="AuthorizationWorld"/>'s objects a path parameter names. An operation the tables do not know fails the
/// tests until someone decides where it belongs, so a new endpoint is never left untried.
/// </summary>
public static class OperationRules
{
    /// <summary><c>/api</c> operations open without sign-in. None: every one needs a signed-in member.</summary>
    public static readonly HashSet<string> Anonymous = [];

    /// <summary>Operations only an administrator may call (403 <c>admin-only</c> for anyone else).</summary>
    public static readonly HashSet<string> AdminOnly =
    [
        "GET /api/definitions/{id}/versions",
        "GET /api/definitions/{id}/versions/{version}",
        "PUT /api/definitions/{id}/draft",
        "DELETE /api/definitions/{id}/draft",
        "POST /api/definitions/validate",
        "POST /api/definitions/{id}/publish",
        "POST /api/definitions/import",
        "GET /api/instances",
        "GET /api/instances/{id}",
        "POST /api/instances/{id}/cancel",
        "POST /api/instances/{id}/retry",
        "POST /api/signals",
        "POST /api/org/import",
        "POST /api/assets/import",
        "POST /api/reports/{key}/post",
    ];

    /// <summary>Operations on an object every member may see, with the reason; not expected to answer 404 to a stranger.</summary>
    public static readonly Dictionary<string, string> Shared = new()
    {
        ["GET /api/definitions/{id}"] = "a published flow is what anyone may start",
        ["GET /api/definitions/{id}/export"] = "the published file (the draft is for admins, tried in DraftVisibilityTests)",
        ["GET /api/org/users/{id}"] = "the office directory",
        ["GET /api/assets/{code}"] = "the office's asset register",
        ["GET /api/reports/{key}"] = "the monthly reports are posted to the whole office",
    };

    /// <summary>
    /// The value for each path parameter of <paramref name="operation"/>: an object of the world (someone else's for
    /// <see cref="AuthorizationWorld.OtherStaff"/>), or null when the tables do not say.
    /// </summary>
    public static string[]? PathValues(ApiOperation operation, AuthorizationWorld world)
    {
        var values = new List<string>();
        foreach (var name in operation.Parameters)
        {
            var value = (operation.Path, name) switch
            {
                (var p, "id") when p.StartsWith("/api/requests/", StringComparison.Ordinal) => world.CaseId,
                (var p, "id") when p.StartsWith("/api/instances/", StringComparison.Ordinal) => world.CaseId,
                (var p, "instanceId") when p.StartsWith("/api/leave/", StringComparison.Ordinal) => world.CaseId,
                (var p, "id") when p.StartsWith("/api/tasks/", StringComparison.Ordinal) => world.TaskId,
                (var p, "attachmentId") when p.StartsWith("/api/attachments/", StringComparison.Ordinal) => world.AttachmentId,
                (var p, "id") when p.StartsWith("/api/notifications/", StringComparison.Ordinal) => world.NotificationId,
                (var p, "id") when p.StartsWith("/api/cc/", StringComparison.Ordinal) => world.CarbonCopyId,
                (var p, "id") when p.StartsWith("/api/org/out-of-office/", StringComparison.Ordinal) => world.OutOfOfficeId,
                (var p, "id") when p.StartsWith("/api/org/users/", StringComparison.Ordinal) => AuthorizationWorld.Owner,
                (var p, "id") when p.StartsWith("/api/definitions/", StringComparison.Ordinal) => OfficeHost.LeaveFlowId,
                (var p, "version") when p.StartsWith("/api/definitions/", StringComparison.Ordinal) => "1",
                (var p, "code") when p.StartsWith("/api/assets/", StringComparison.Ordinal) => world.AssetCode,
                (var p, "key") when p.StartsWith("/api/reports/", StringComparison.Ordinal) => world.ReportKey,
                _ => null,
            };
            if (value is null) return null;
            values.Add(Uri.EscapeDataString(value));
        }
        return [.. values];
    }

    /// <summary>
    /// The request for an operation, with a body that would be accepted from someone entitled to it (so the answer is
    /// about who asks, not about what was sent): a file for the upload, else JSON with the fields the actions read.
    /// </summary>
    public static HttpRequestMessage Request(ApiOperation operation, string[] pathValues)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Fill(pathValues));
        if (operation.TakesBody)
            request.Content = operation.Path == "/api/requests/{id}/attachments" ? AuthorizationWorld.PdfForm()
                : JsonContent.Create(new
                {
                    comment = "同意", text = "请尽快处理", reason = "不需要了", users = new[] { AuthorizationWorld.CopiedTo },
                    targetActivityId = "chief", position = "before", formChanges = new { days = 1 }, data = new { },
                    definitionId = OfficeHost.LeaveFlowId, input = new { reason = "探亲", days = 1 },
                    from = "2026-12-23T08:30:00+08:00", to = "2026-12-24T17:30:00+08:00", delegateId = AuthorizationWorld.CopiedTo,
                });
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        return request;
    }
}
