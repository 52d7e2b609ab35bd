using System.Net.Http.Headers;
using Approvals.Host.Tests.Fuzz;
using Approvals.Host.Tests.SignIn;
using Approvals.Host.Tests.Tasks;

namespace Approvals.Host.Tests.Authorization;

/// <summary>
/// The host on Kestrel with the embedded provider and the development header off (as in production), the demo
/// office and the test leave flow, and in it things that belong to someone: 刘洋's request, the task it gave his chief
/// 王静, his attachment and out-of-office period, a notification of 王静's and a carbon copy to 胡丽娜. 曹宇 signed in
/// (cookie and token) and was then deactivated by the administrator.
/// </summary>
public sealed class AuthorizationWorld : IAsyncLifetime
{
    /// <summary>The owner of the objects, his chief, a colleague who receives a copy, the administrator.</summary>
    public const string Owner = "liuyang", Chief = "wangjing", CopiedTo = "hulina", Admin = "admin";

    /// <summary>A staff member of another section (综合科), who takes part in none of the cases.</summary>
    public const string OtherStaff = "yangfan";

    /// <summary>A staff member of 政务公开科 who signs in and is then deactivated.</summary>
    public const string Deactivated = "caoyu";

    private readonly HostFolder _folder = HostFolder.Create();

    public AuthorizationWorld()
    {
        File.WriteAllText(_folder.WorkflowFile(OfficeHost.LeaveFlowId + ".json"), OfficeHost.LeaveFlow);
        Host = new SignInHost(settings: SignInFlows.CliClientSettings(), folder: _folder);
    }

    public SignInHost Host { get; }
    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];
    public Dictionary<string, SignedInPerson> People { get; } = [];

    public string CaseId { get; private set; } = "";
    public string TaskId { get; private set; } = "";
    public string AttachmentId { get; private set; } = "";
    public string OutOfOfficeId { get; private set; } = "";
    public string NotificationId { get; private set; } = "";
    public string CarbonCopyId { get; private set; } = "";
    public string ReportKey { get; private set; } = "";
    public string AssetCode { get; private set; } = "";

    public SignedInPerson this[string login] => People[login];

    public async ValueTask InitializeAsync()
    {
        Host.Start();
        using (var anonymous = new HttpClient { BaseAddress = new Uri(Host.Origin) })
            Operations = await ApiOperation.ReadAsync(anonymous, Api.Ct);
        foreach (var login in new[] { Owner, Chief, CopiedTo, Admin, OtherStaff, Deactivated })
            People[login] = await SignedInPerson.SignInAsync(Host, login);

        var owner = People[Owner];
        CaseId = (string)(await owner.JsonAsync(HttpMethod.Post, "/api/requests",
            new { definitionId = OfficeHost.LeaveFlowId, input = new { reason = "回老家探亲", days = 2 } }, HttpStatusCode.Created))["id"]!;
        var todo = await People[Chief].JsonAsync(HttpMethod.Get, "/api/tasks/todo?pageSize=100");
        TaskId = (string)todo["items"].Items().Single(t => (string?)t["instanceId"] == CaseId)["id"]!;

        using (var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{CaseId}/attachments") { Content = PdfForm() })
        using (var uploaded = await owner.WithCookieAsync(upload))
            AttachmentId = (string)(await uploaded.JsonAsync())["id"]!;
        OutOfOfficeId = (string)(await owner.JsonAsync(HttpMethod.Post, "/api/org/out-of-office",
            new { from = "2026-12-21T08:30:00+08:00", to = "2026-12-22T17:30:00+08:00", delegateId = CopiedTo, reason = "出差" }, HttpStatusCode.Created))["id"]!;
        NotificationId = (string)(await People[Chief].JsonAsync(HttpMethod.Get, "/api/notifications"))["items"].Items().First()["id"]!;
        await People[Chief].JsonAsync(HttpMethod.Post, $"/api/tasks/{TaskId}/cc", new { users = new[] { CopiedTo }, comment = "请知悉" });
        CarbonCopyId = (string)(await People[CopiedTo].JsonAsync(HttpMethod.Get, "/api/cc"))["items"].Items().Single(c => (string?)c["instanceId"] == CaseId)["id"]!;
        ReportKey = (string)(await owner.JsonAsync(HttpMethod.Get, "/api/reports"))["reports"].Items().First()["key"]!;
        AssetCode = (string)(await owner.JsonAsync(HttpMethod.Get, "/api/assets"))["items"].Items().First()["code"]!;

        // The administrator deactivates 曹宇 after he signed in: his cookie and his token stay in his hands.
        await People[Admin].JsonAsync(HttpMethod.Post, "/api/org/import", new
        {
            users = new[]
            {
                new { id = Deactivated, name = "曹宇", section = "publicaffairs", position = "Staff", title = "科员", active = false },
            },
        });
    }

    /// <summary>A one-file multipart form as the upload takes it.</summary>
    public static MultipartFormDataContent PdfForm()
    {
        var file = new ByteArrayContent(Uploads.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "证明.pdf" } };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in People.Values) person.Dispose();
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
