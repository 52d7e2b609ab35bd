namespace Approvals.Workflows.Organization;

/// <summary>
/// Who is who in the office: people, sections and their chiefs, which deputy director is responsible
/// for which section (分管), the director, groups, and who stands in for someone who is away.
/// Assignment strategies of UserTask resolve through this service. Ids are user logins.
/// </summary>
public interface IOrganization
{
    Task<OrgUser?> FindUserAsync(string userId, CancellationToken ct = default);
    Task<IReadOnlyList<OrgUser>> UsersAsync(CancellationToken ct = default);
    Task<IReadOnlyList<Section>> SectionsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<OrgGroup>> GroupsAsync(CancellationToken ct = default);

    /// <summary>
    /// The person one level up from <paramref name="userId"/>: the chief of their section; for the chief
    /// (or a deputy chief with no chief above) the responsible deputy director; for a deputy director the director.
    /// Null when there is nobody above (the director).
    /// </summary>
    Task<string?> ChiefOfAsync(string userId, CancellationToken ct = default);

    /// <summary>The deputy director responsible for the user's section (分管); for a deputy director, the director.</summary>
    Task<string?> DeputyDirectorOfAsync(string userId, CancellationToken ct = default);

    /// <summary>The director (主任).</summary>
    Task<string?> DirectorAsync(CancellationToken ct = default);

    /// <summary>Active members of a group, in the group's order.</summary>
    Task<IReadOnlyList<string>> GroupMembersAsync(string groupId, CancellationToken ct = default);

    /// <summary>Active members of a section.</summary>
    Task<IReadOnlyList<string>> SectionMembersAsync(string sectionId, CancellationToken ct = default);

    /// <summary>Active holders of a position in a section (e.g. the chief of 人事科).</summary>
    Task<IReadOnlyList<string>> HoldersAsync(string sectionId, Position position, CancellationToken ct = default);

    /// <summary>
    /// Who receives new work for <paramref name="userId"/> at <paramref name="at"/>: the delegate of a
    /// current out-of-office period (followed through chains, never in a cycle), or null when they are in.
    /// </summary>
    Task<string?> DelegateForAsync(string userId, DateTimeOffset at, CancellationToken ct = default);
}
