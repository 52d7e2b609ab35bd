using System.Net.Http.Headers;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Tasks;

/// <summary>Multipart uploads to <c>/api/requests/{id}/attachments</c>.</summary>
public static class Uploads
{
    /// <summary>A small but real-looking PDF.</summary>
    public static byte[] Pdf(string text = "请假证明") => System.Text.Encoding.UTF8.GetBytes(
        $"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text} {Guid.NewGuid():N}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>
    /// Posts <paramref name="bytes"/> as the field <c>file</c> named <paramref name="fileName"/>, with the content type a
    /// client might claim; <paramref name="chunked"/> sends it without a Content-Length, so the server learns the size only by reading.
    /// </summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient user, string instanceId, string fileName, byte[] bytes,
        string? taskId = null, string claimedType = "application/pdf", bool chunked = false)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (taskId is not null) form.Add(new StringContent(taskId), "taskId");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{instanceId}/attachments") { Content = form };
        request.Headers.TransferEncodingChunked = chunked;
        return user.SendAsync(request, Ct);
    }
}
