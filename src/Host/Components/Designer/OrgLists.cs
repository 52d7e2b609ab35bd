using Approvals.Workflows.Organization;

namespace Approvals.Host.Components.Designer;

/// <summary>The organisation as the designer's pickers offer it: people, sections, groups and positions.</summary>
public sealed record OrgLists(IReadOnlyList<OrgUser> Users, IReadOnlyList<Section> Sections, IReadOnlyList<OrgGroup> Groups)
{
    public static readonly OrgLists Empty = new([], [], []);

    public static async Task<OrgLists> LoadAsync(IOrganization org, CancellationToken ct = default) =>
        new((await org.UsersAsync(ct)).Where(u => u.Active).OrderBy(u => u.SectionId).ThenBy(u => u.Id).ToList(),
            (await org.SectionsAsync(ct)).OrderBy(s => s.Order).ThenBy(s => s.Id).ToList(),
            (await org.GroupsAsync(ct)).OrderBy(g => g.Id).ToList());

    public string UserLabel(string id) => Users.FirstOrDefault(u => u.Id == id) is { } u ? $"{u.Name}（{SectionName(u.SectionId)}）" : id;

    public string SectionName(string id) => Sections.FirstOrDefault(s => s.Id == id) is { } s ? Ui.T(s.NameZh, s.NameEn) : id;

    public string GroupName(string id) => Groups.FirstOrDefault(g => g.Id == id) is { } g ? Ui.T(g.NameZh, g.NameEn) : id;

    public static string PositionName(string p) => p switch
    {
        nameof(Position.Staff) => Ui.T("科员", "Staff"),
        nameof(Position.DeputyChief) => Ui.T("副科长", "Deputy chief"),
        nameof(Position.Chief) => Ui.T("科长", "Chief"),
        nameof(Position.DeputyDirector) => Ui.T("副主任", "Deputy director"),
        nameof(Position.Director) => Ui.T("主任", "Director"),
        _ => p,
    };

    public static readonly string[] Positions = Enum.GetNames<Position>();
}
