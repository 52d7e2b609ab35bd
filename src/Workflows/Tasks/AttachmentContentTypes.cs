namespace Approvals.Workflows.Tasks;

/// <summary>
/// The content type an attachment is served with, decided by its extension alone: what a client
/// claims when uploading is not trusted (a "text/html" PDF would be rendered by the browser).
/// </summary>
public static class AttachmentContentTypes
{
    private const string Binary = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "application/pdf",
        ["doc"] = "application/msword",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xls"] = "application/vnd.ms-excel",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["ppt"] = "application/vnd.ms-powerpoint",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        // WPS 文字 has no registered type; the desktop suite opens it by extension anyway.
        ["wps"] = Binary,
        // OFD (GB/T 33190) 版式文件.
        ["ofd"] = "application/ofd",
        // No charset: office text files are as often GBK as UTF-8, and the server cannot know which.
        ["txt"] = "text/plain",
        ["csv"] = "text/csv",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["png"] = "image/png",
        ["gif"] = "image/gif",
        ["zip"] = "application/zip",
        ["rar"] = "application/vnd.rar",
    };

    /// <summary>The type for an extension (without the dot); octet-stream for one not known here.</summary>
    public static string For(string extension) => ByExtension.GetValueOrDefault(extension, Binary);
}
