using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>The organisation lookup of these tests: users from a dictionary, nothing else.</summary>
internal sealed class FakeOrganization : IOrganization
{
    public Dictionary<string, OrgUser> Users { get; } = new()
    {
        ["zhangsan"] = new OrgUser { Id = "zhangsan", Name = "张三", Email = "zhangsan@example.gov.cn", Mobile = "13800000001" },
        ["lisi"] = new OrgUser { Id = "lisi", Name = "李四" },
    };

    public Task<OrgUser?> FindUserAsync(string userId, CancellationToken ct = default) => Task.FromResult(Users.GetValueOrDefault(userId));
    public Task<IReadOnlyList<OrgUser>> UsersAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OrgUser>>([.. Users.Values]);
    public Task<IReadOnlyList<Section>> SectionsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Section>>([]);
    public Task<IReadOnlyList<OrgGroup>> GroupsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OrgGroup>>([]);
    public Task<string?> ChiefOfAsync(string userId, CancellationToken ct = default) => Task.FromResult<string?>(null);
    public Task<string?> DeputyDirectorOfAsync(string userId, CancellationToken ct = default) => Task.FromResult<string?>(null);
    public Task<string?> DirectorAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
    public Task<IReadOnlyList<string>> GroupMembersAsync(string groupId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
    public Task<IReadOnlyList<string>> SectionMembersAsync(string sectionId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
    public Task<IReadOnlyList<string>> HoldersAsync(string sectionId, Position position, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
    public Task<string?> DelegateForAsync(string userId, DateTimeOffset at, CancellationToken ct = default) => Task.FromResult<string?>(null);
}
