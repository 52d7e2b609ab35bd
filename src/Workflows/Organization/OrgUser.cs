namespace Approvals.Workflows.Organization;

/// <summary>A person in the office. <see cref="Id"/> is the login name.</summary>
public sealed class OrgUser
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The section (科室) the person belongs to; leaders belong to the leadership section.</summary>
    public string SectionId { get; set; } = "";
    public Position Position { get; set; } = Position.Staff;
    /// <summary>The title as people say it, e.g. 科长, 副主任, 科员.</summary>
    public string Title { get; set; } = "";
    public string? Email { get; set; }
    public string? Mobile { get; set; }
    /// <summary>Admins edit flows and the organisation.</summary>
    public bool IsAdmin { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>The positions flows can address.</summary>
public enum Position { Staff, DeputyChief, Chief, DeputyDirector, Director }
