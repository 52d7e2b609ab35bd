using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Position = Approvals.Workflows.Organization.Position;

namespace Approvals.Host.Api.Org;

/// <summary>A person as the API shows them, with their section's name.</summary>
public sealed record UserView(string Id, string Name, string SectionId, LocalizedText? SectionName, Position Position, string Title,
    string? Email, string? Mobile, bool IsAdmin, bool Active);

/// <summary>A section with the ids and names of its chief and responsible deputy director.</summary>
public sealed record SectionView(string Id, LocalizedText Name, int Order, string? ChiefId, string? ChiefName,
    string? DeputyDirectorId, string? DeputyDirectorName, int MemberCount);

/// <summary>A group with its members in the group's order.</summary>
public sealed record GroupView(string Id, LocalizedText Name, IReadOnlyList<GroupMemberView> Members);

/// <summary>A member of a group.</summary>
public sealed record GroupMemberView(string UserId, string? Name, string? Role, bool Active);

/// <summary>An out-of-office period with the names of the person away and their delegate.</summary>
public sealed record OutOfOfficeView(string Id, string UserId, string? UserName, DateTime From, DateTime To,
    string DelegateId, string? DelegateName, string? Reason, string? SourceInstanceId);

/// <summary>Builds views from the organisation's lists (looked up once per request).</summary>
public sealed class OrgViewBuilder(IReadOnlyList<OrgUser> users, IReadOnlyList<Section> sections)
{
    private readonly Dictionary<string, OrgUser> _users = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, Section> _sections = sections.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public static async Task<OrgViewBuilder> CreateAsync(IOrganization org, CancellationToken ct) =>
        new(await org.UsersAsync(ct), await org.SectionsAsync(ct));

    public UserView User(OrgUser u) => new(u.Id, u.Name, u.SectionId,
        _sections.TryGetValue(u.SectionId, out var s) ? new LocalizedText(s.NameZh, s.NameEn) : null,
        u.Position, u.Title, u.Email, u.Mobile, u.IsAdmin, u.Active);

    public SectionView Section(Section s) => new(s.Id, new LocalizedText(s.NameZh, s.NameEn), s.Order,
        s.ChiefId, NameOf(s.ChiefId), s.DeputyDirectorId, NameOf(s.DeputyDirectorId),
        _users.Values.Count(u => u.SectionId == s.Id && u.Active));

    public GroupView Group(OrgGroup g) => new(g.Id, new LocalizedText(g.NameZh, g.NameEn),
        g.Members.Select(m => new GroupMemberView(m.UserId, NameOf(m.UserId), m.Role, _users.TryGetValue(m.UserId, out var u) && u.Active)).ToList());

    public OutOfOfficeView OutOfOffice(OutOfOffice o) => new(o.Id, o.UserId, NameOf(o.UserId), o.From, o.To,
        o.DelegateId, NameOf(o.DelegateId), o.Reason, o.SourceInstanceId);

    private string? NameOf(string? id) => id is not null && _users.TryGetValue(id, out var u) ? u.Name : null;
}
