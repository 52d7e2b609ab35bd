namespace Approvals.Workflows.Organization;

/// <summary>A period someone is away; new tasks for them go to <see cref="DelegateId"/> meanwhile.</summary>
public sealed class OutOfOffice
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime From { get; set; }
    public DateTime To { get; set; }
    public string DelegateId { get; set; } = "";
    public string? Reason { get; set; }
    /// <summary>The case that created it (a leave request), if any.</summary>
    public string? SourceInstanceId { get; set; }
}
