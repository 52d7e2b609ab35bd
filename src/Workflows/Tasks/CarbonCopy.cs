namespace Approvals.Workflows.Tasks;

/// <summary>抄送: a read-only copy of a case for someone to know about it.</summary>
public sealed class CarbonCopy
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string FromUserId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
