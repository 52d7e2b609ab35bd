using System.Security.Cryptography;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Tasks;

/// <summary>
/// Attachments over HTTP: upload by the initiator, listing, download by another participant with the same bytes
/// and safe headers, the type and size limits (nothing left on disk when refused) and the display name.
/// </summary>
public sealed class AttachmentApiTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private readonly HttpClient _staff = host.As(Staff);
    private readonly HttpClient _chief = host.As(StaffChief);

    [Fact]
    public async Task The_initiator_attaches_a_pdf_that_the_chief_downloads_byte_for_byte_under_its_name()
    {
        var id = await _staff.StartLeaveAsync();
        var pdf = Uploads.Pdf();

        // The claimed type is ignored: the extension decides what the file is served as.
        var added = await (await _staff.UploadAsync(id, "请假证明.pdf", pdf, claimedType: "text/html")).JsonAsync();

        var attachmentId = (string)added["id"]!;
        Assert.Equal((id, "请假证明.pdf", "application/pdf", pdf.Length, Staff),
            ((string?)added["instanceId"], (string?)added["fileName"], (string?)added["contentType"], (int)added["size"]!, (string?)added["uploadedBy"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), (string?)added["sha256"]);
        // On disk under its id, not under the name the user gave.
        Assert.Contains(attachmentId, FilesInAttachmentsFolder());
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(host.AttachmentsFolder, attachmentId), Ct));

        var listed = await _staff.GetJsonAsync($"/api/requests/{id}/attachments");
        Assert.Equal([attachmentId], listed.Items().Select(a => (string)a["id"]!));
        Assert.Equal([attachmentId], (await _chief.CaseAsync(id))["attachments"].Items().Select(a => (string)a["id"]!));

        var download = await _chief.GetAsync($"/api/attachments/{attachmentId}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("请假证明.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        var timeline = await _chief.GetJsonAsync($"/api/instances/{id}/timeline");
        Assert.Contains(timeline.Items(), h => (string?)h["action"] == "Attached" && (string?)h["actorId"] == Staff && (string?)h["comment"] == "请假证明.pdf");
    }

    [Fact]
    public async Task The_chief_attaches_at_their_task_and_the_name_is_cleaned_of_paths_and_control_characters()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        var added = await (await _chief.UploadAsync(id, "C:\\Users\\王静\\Desktop\\审批\u202E意见.pdf", Uploads.Pdf(), taskId)).JsonAsync();

        Assert.Equal(("审批意见.pdf", taskId), ((string?)added["fileName"], (string?)added["taskId"]));
        var timeline = await _staff.GetJsonAsync($"/api/instances/{id}/timeline");
        Assert.Contains(timeline.Items(), h => (string?)h["action"] == "Attached" && (string?)h["taskId"] == taskId && (string?)h["activityId"] == "chief");

        // A task of another case is not a place to attach to.
        var other = await _staff.StartLeaveAsync();
        var otherTask = (string)(await _chief.TodoTaskAsync(other))["id"]!;
        await (await _chief.UploadAsync(id, "a.pdf", Uploads.Pdf(), otherTask)).ProblemAsync(HttpStatusCode.NotFound, "task-not-found");
    }

    [Fact]
    public async Task A_file_of_a_type_not_allowed_is_a_400_and_nothing_is_stored()
    {
        var id = await _staff.StartLeaveAsync();
        var before = FilesInAttachmentsFolder();

        var problem = await (await _staff.UploadAsync(id, "setup.exe", [0x4D, 0x5A, 0x90, 0x00], claimedType: "application/pdf"))
            .ProblemAsync(HttpStatusCode.BadRequest, "file-type-not-allowed");
        Assert.StartsWith("不允许上传 .exe 文件", (string?)problem["title"]);
        await (await _staff.UploadAsync(id, "README", [1, 2, 3])).ProblemAsync(HttpStatusCode.BadRequest, "file-type-not-allowed");
        // The extension is what counts, not what the name starts with.
        await (await _staff.UploadAsync(id, "证明.pdf.exe", Uploads.Pdf())).ProblemAsync(HttpStatusCode.BadRequest, "file-type-not-allowed");

        Assert.Empty((await _staff.GetJsonAsync($"/api/requests/{id}/attachments")).Items());
        Assert.Equal(before, FilesInAttachmentsFolder());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_over_the_limit_is_a_400_and_leaves_nothing_in_the_attachments_folder(bool chunked)
    {
        var id = await _staff.StartLeaveAsync();
        var before = FilesInAttachmentsFolder();
        var justOver = new byte[MaxAttachmentBytes + 1];
        Random.Shared.NextBytes(justOver);

        var problem = await (await _staff.UploadAsync(id, "扫描件.pdf", justOver, chunked: chunked)).ProblemAsync(HttpStatusCode.BadRequest, "file-too-large");
        Assert.Equal("文件超过大小限制（最大 16 KB）", (string?)problem["title"]);
        // Far over: refused from the announced length, or while reading when there is none.
        await (await _staff.UploadAsync(id, "扫描件.pdf", new byte[MaxAttachmentBytes * 20], chunked: chunked))
            .ProblemAsync(HttpStatusCode.BadRequest, "file-too-large");

        Assert.Equal(before, FilesInAttachmentsFolder());
        Assert.Empty((await _staff.GetJsonAsync($"/api/requests/{id}/attachments")).Items());
        Assert.DoesNotContain((await _staff.GetJsonAsync($"/api/instances/{id}/timeline")).Items(), h => (string?)h["action"] == "Attached");

        // Exactly the limit is fine.
        await (await _staff.UploadAsync(id, "扫描件.pdf", justOver[..^1], chunked: chunked)).JsonAsync();
    }

    [Fact]
    public async Task A_request_without_a_file_or_not_multipart_is_a_clear_400()
    {
        var id = await _staff.StartLeaveAsync();
        var before = FilesInAttachmentsFolder();

        var onlyTask = new MultipartFormDataContent { { new StringContent("x"), "taskId" } };
        var problem = await (await _staff.PostAsync($"/api/requests/{id}/attachments", onlyTask, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "file-missing");
        Assert.Equal("请选择要上传的文件（表单字段 file）", (string?)problem["title"]);
        await (await _staff.PostAsJsonAsync($"/api/requests/{id}/attachments", new { file = "x" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "not-multipart");
        await (await _staff.PostAsync($"/api/requests/{id}/attachments", null, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "not-multipart");
        await (await _staff.UploadAsync(id, "空白.pdf", [])).ProblemAsync(HttpStatusCode.BadRequest, "file-empty");
        // Cut off before the closing boundary.
        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await (await _staff.PostAsync($"/api/requests/{id}/attachments", broken, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-upload");
        Assert.Equal(before, FilesInAttachmentsFolder());
    }

    /// <summary>Every file in the attachments folder, temporary ones included.</summary>
    private string[] FilesInAttachmentsFolder() =>
        Directory.Exists(host.AttachmentsFolder) ? Directory.GetFiles(host.AttachmentsFolder).Select(f => Path.GetFileName(f)).Order().ToArray() : [];
}
