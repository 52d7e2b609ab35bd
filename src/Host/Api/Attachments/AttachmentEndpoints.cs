using Approvals.Host.Api.Tasks;
using Approvals.Workflows;
using Approvals.Workflows.Tasks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Approvals.Host.Api.Attachments;

/// <summary>
/// Case attachments: upload and list under <c>/api/requests/{id}/attachments</c>, download at
/// <c>/api/attachments/{attachmentId}</c>. Participants of the case only; to anyone else it is not found.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>Room for the multipart framing and the small fields sent with the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static void MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/requests/{id}/attachments", async (string id, HttpContext http, AttachmentStore store) =>
        {
            // Who is asking before a byte of the body is read.
            var actor = await TaskEndpoints.ActorAsync(http);
            var form = await ReadFormAsync(http, store.Options.MaxBytes);
            var files = form.Files.GetFiles("file");
            if (files.Count == 0)
                throw ApprovalException.Invalid("file-missing", "请选择要上传的文件（表单字段 file）", "no file was sent (form field 'file')");
            if (files.Count > 1)
                throw ApprovalException.Invalid("one-file", "每次只能上传一个文件", "upload one file at a time");
            var file = files[0];
            var taskId = form["taskId"].ToString().Trim();
            await using var content = file.OpenReadStream();
            return Results.Ok(await store.AddAsync(id, taskId.Length == 0 ? null : taskId, actor, file.FileName, content, http.RequestAborted));
        })
        // Antiforgery is not in place for the API yet: callers are named by a header, which a cross-site form
        // cannot set. Cookie-authenticated form posts get antiforgery with the sign-in issue.
        .DisableAntiforgery()
        .WithTags("Attachments")
        .WithSummary("Attach a file to a case (multipart/form-data: file, optional taskId); participants only");

        api.MapGet("/requests/{id}/attachments", async (string id, HttpContext http, AttachmentStore store) =>
            await store.ListAsync(id, await TaskEndpoints.ActorAsync(http), http.RequestAborted))
            .WithTags("Attachments").WithSummary("A case's attachments in upload order; participants only");

        api.MapGet("/attachments/{attachmentId}", async (string attachmentId, HttpContext http, AttachmentStore store) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            var (attachment, content) = await store.OpenAsync(attachmentId, actor, http.RequestAborted);
            // The type was decided by the extension; the browser must neither second-guess it (nosniff) nor run
            // anything in it should it be opened in place (sandbox).
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox";
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.File(content, attachment.ContentType, attachment.FileName,
                lastModified: new DateTimeOffset(DateTime.SpecifyKind(attachment.UploadedAt, DateTimeKind.Utc)),
                entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""), enableRangeProcessing: true);
        }).WithTags("Attachments").WithSummary("Download an attachment under its original name; participants only");
    }

    /// <summary>The multipart form, with limits fitted to the attachment limit and reading errors as clear 400s.</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpContext http, long maxBytes)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw ApprovalException.Invalid("not-multipart", "请以 multipart/form-data 格式上传，文件放在 file 字段",
                "upload as multipart/form-data with the file in the field 'file'");
        var limit = maxBytes + MultipartOverhead;
        // Refused before reading when the announced size is already too much.
        if (request.ContentLength > limit) throw AttachmentStore.TooLarge(maxBytes);
        // The server's default body cap (about 28.6 MB) would otherwise refuse a larger configured limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit + 1;
        // Without a length (chunked), the limit is enforced while reading; the multipart reader's own limits sit above it.
        request.Body = new BodyLimitStream(request.Body, limit, () => AttachmentStore.TooLarge(maxBytes));
        http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit + 1 }));
        try
        {
            return await request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw AttachmentStore.TooLarge(maxBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            throw ApprovalException.Invalid("invalid-upload", $"上传内容无法读取：{e.Message}", $"the upload could not be read: {e.Message}");
        }
    }
}
