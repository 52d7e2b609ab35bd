using Approvals.Activities.Assets;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;

namespace Approvals.Host.Api.Assets;

/// <summary>An asset as the API shows it: section and status with their names in both languages.</summary>
public sealed record AssetView(string Code, string Name, string Category, string SectionId, LocalizedText? SectionName, string? Location,
    decimal Value, string Status, LocalizedText StatusName, string? TransferInstanceId, DateTime UpdatedAt);

/// <summary>One move of an asset between sections: the case and filing behind it, or none for a register correction.</summary>
public sealed record AssetMoveView(long Id, string FromSectionId, LocalizedText? FromSectionName, string ToSectionId, LocalizedText? ToSectionName,
    string? InstanceId, string? FilingNo, IReadOnlyList<AssetPersonView> ApprovedBy, DateTime At);

/// <summary>A person named in the register's history.</summary>
public sealed record AssetPersonView(string Id, string? Name);

/// <summary>Builds asset views from the organisation's lists (looked up once per request).</summary>
public sealed class AssetViewBuilder(IReadOnlyList<Section> sections, IReadOnlyList<OrgUser> users)
{
    private readonly Dictionary<string, Section> _sections = sections.ToDictionary(s => s.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, OrgUser> _users = users.ToDictionary(u => u.Id, StringComparer.Ordinal);

    public static async Task<AssetViewBuilder> CreateAsync(IOrganization org, CancellationToken ct) =>
        new(await org.SectionsAsync(ct), await org.UsersAsync(ct));

    public AssetView Asset(AssetEntry a) => new(a.Code, a.Name, a.Category, a.SectionId, SectionName(a.SectionId), a.Location, a.Value,
        a.Status, AssetStatusText.Label(a.Status), a.TransferInstanceId, a.UpdatedAt);

    public AssetMoveView Move(AssetMove m) => new(m.Id, m.FromSectionId, SectionName(m.FromSectionId), m.ToSectionId, SectionName(m.ToSectionId),
        m.InstanceId, m.FilingNo,
        // A case records the committee members who approved, comma separated; an import records the admin.
        (m.ApprovedBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => new AssetPersonView(id, _users.TryGetValue(id, out var u) ? u.Name : null)).ToList(),
        m.At);

    private LocalizedText? SectionName(string id) => _sections.TryGetValue(id, out var s) ? new LocalizedText(s.NameZh, s.NameEn) : null;
}
