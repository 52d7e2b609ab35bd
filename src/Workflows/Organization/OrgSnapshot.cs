using System.Collections.Frozen;

namespace Approvals.Workflows.Organization;

/// <summary>
/// The whole organisation as read at one moment, indexed for the questions flows ask. Never changed after
/// construction; the service replaces it as a whole. Its entities must not leak: callers get copies.
/// </summary>
internal sealed class OrgSnapshot
{
    public OrgSnapshot(long version, DateTimeOffset loadedAt, IEnumerable<OrgUser> users, IEnumerable<Section> sections,
        IEnumerable<OrgGroup> groups, IEnumerable<OutOfOffice> outOfOffice)
    {
        Version = version;
        LoadedAt = loadedAt;
        Sections = sections.OrderBy(s => s.Order).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        SectionById = Sections.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        var sectionRank = Sections.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        int RankOf(OrgUser u) => sectionRank.TryGetValue(u.SectionId, out var r) ? r : int.MaxValue;

        // Directory order: by section, the most senior first, then by id.
        Users = users.OrderBy(RankOf).ThenByDescending(u => u.Position).ThenBy(u => u.Id, StringComparer.Ordinal).ToArray();
        UserById = Users.ToFrozenDictionary(u => u.Id, StringComparer.Ordinal);
        UsersBySection = Users.GroupBy(u => u.SectionId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        DirectorId = Users.Where(u => u.Active && u.Position == Position.Director).Select(u => u.Id).Order(StringComparer.Ordinal).FirstOrDefault();

        // The model keeps no order for members, so the group's order is derived: the 组长 first, then seniority.
        Groups = groups.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => new OrgGroup
        {
            Id = g.Id, NameZh = g.NameZh, NameEn = g.NameEn,
            Members = g.Members.OrderBy(m => RoleRank(m.Role))
                .ThenByDescending(m => UserById.TryGetValue(m.UserId, out var u) ? u.Position : Position.Staff)
                .ThenBy(m => UserById.TryGetValue(m.UserId, out var u) ? RankOf(u) : int.MaxValue)
                .ThenBy(m => m.UserId, StringComparer.Ordinal).ToList(),
        }).ToArray();
        GroupById = Groups.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);

        OutOfOffice = outOfOffice.OrderBy(o => o.From).ThenBy(o => o.Id, StringComparer.Ordinal).ToArray();
        OutOfOfficeById = OutOfOffice.ToFrozenDictionary(o => o.Id, StringComparer.Ordinal);
        OutOfOfficeByUser = OutOfOffice.GroupBy(o => o.UserId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public long Version { get; }
    public DateTimeOffset LoadedAt { get; }
    public OrgUser[] Users { get; }
    public FrozenDictionary<string, OrgUser> UserById { get; }
    public FrozenDictionary<string, OrgUser[]> UsersBySection { get; }
    public Section[] Sections { get; }
    public FrozenDictionary<string, Section> SectionById { get; }
    public OrgGroup[] Groups { get; }
    public FrozenDictionary<string, OrgGroup> GroupById { get; }
    /// <summary>The active director; the first by id should the data ever hold two.</summary>
    public string? DirectorId { get; }
    public OutOfOffice[] OutOfOffice { get; }
    public FrozenDictionary<string, OutOfOffice> OutOfOfficeById { get; }
    public FrozenDictionary<string, OutOfOffice[]> OutOfOfficeByUser { get; }

    /// <summary>The user when they exist and are active.</summary>
    public OrgUser? Active(string? id) => id is not null && UserById.TryGetValue(id, out var u) && u.Active ? u : null;

    /// <summary>
    /// The period <paramref name="userId"/> is away at <paramref name="atUtc"/> (From &lt;= at &lt; To); of overlapping
    /// ones the latest to start wins, as the most recent arrangement.
    /// </summary>
    public OutOfOffice? AwayAt(string userId, DateTime atUtc) =>
        OutOfOfficeByUser.TryGetValue(userId, out var periods)
            ? periods.LastOrDefault(p => p.From <= atUtc && atUtc < p.To)
            : null;

    private static int RoleRank(string? role) => role switch
    {
        "组长" => 0,
        "副组长" => 1,
        _ => 2,
    };

    public static OrgUser Copy(OrgUser u) => new()
    {
        Id = u.Id, Name = u.Name, SectionId = u.SectionId, Position = u.Position, Title = u.Title,
        Email = u.Email, Mobile = u.Mobile, IsAdmin = u.IsAdmin, Active = u.Active,
    };

    public static Section Copy(Section s) => new()
    {
        Id = s.Id, NameZh = s.NameZh, NameEn = s.NameEn, ChiefId = s.ChiefId, DeputyDirectorId = s.DeputyDirectorId, Order = s.Order,
    };

    public static OrgGroup Copy(OrgGroup g) => new()
    {
        Id = g.Id, NameZh = g.NameZh, NameEn = g.NameEn,
        Members = g.Members.Select(m => new GroupMember { GroupId = m.GroupId, UserId = m.UserId, Role = m.Role }).ToList(),
    };

    public static OutOfOffice Copy(OutOfOffice o) => new()
    {
        Id = o.Id, UserId = o.UserId, From = o.From, To = o.To, DelegateId = o.DelegateId, Reason = o.Reason, SourceInstanceId = o.SourceInstanceId,
    };
}
