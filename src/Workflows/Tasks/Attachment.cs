namespace Approvals.Workflows.Tasks;

/// <summary>A file attached to a case; the bytes live under the data folder, named by <see cref="Id"/>.</summary>
public sealed class Attachment
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? TaskId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}
