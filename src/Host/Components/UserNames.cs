using Approvals.Workflows.Organization;

namespace Approvals.Host.Components;

/// <summary>Shows people by name (with their section), not by login id.</summary>
public sealed class UserNames(IOrganization org)
{
    private Dictionary<string, OrgUser>? _users;
    private Dictionary<string, Section>? _sections;

    public async Task LoadAsync()
    {
        _users ??= (await org.UsersAsync()).ToDictionary(u => u.Id);
        _sections ??= (await org.SectionsAsync()).ToDictionary(s => s.Id);
    }

    public string Name(string? id)
    {
        if (id is null) return "—";
        if (id.StartsWith("pool:", StringComparison.Ordinal)) return Ui.T("任务池：", "Pool: ") + Section(id[5..]);
        return _users?.GetValueOrDefault(id)?.Name ?? id;
    }

    public string Section(string? id) =>
        id is null ? "—" : _sections?.GetValueOrDefault(id) is { } s ? Ui.T(s.NameZh, s.NameEn) : id;

    public IReadOnlyList<OrgUser> All => _users?.Values.Where(u => u.Active).OrderBy(u => u.SectionId).ThenBy(u => u.Id).ToList() ?? [];
    public IReadOnlyList<Section> Sections => _sections?.Values.OrderBy(s => s.Order).ToList() ?? [];
}
