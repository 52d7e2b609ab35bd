namespace Approvals.Workflows.Organization;

/// <summary>A named group of people from several sections, e.g. 国有资产管理领导小组.</summary>
public sealed class OrgGroup
{
    public string Id { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public List<GroupMember> Members { get; set; } = [];
}

/// <summary>Membership of a user in a group.</summary>
public sealed class GroupMember
{
    public string GroupId { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>E.g. 组长 / 成员.</summary>
    public string? Role { get; set; }
}
