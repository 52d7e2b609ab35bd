using Approvals.Workflows.Organization;

namespace Approvals.Activities.Assets;

/// <summary>Section names for messages, from the organisation's list (the id when a section is unknown).</summary>
internal sealed class SectionNames(IReadOnlyList<Section> sections)
{
    public static async Task<SectionNames> LoadAsync(IOrganization org, CancellationToken ct = default) => new(await org.SectionsAsync(ct));

    public Section? Find(string? id) => sections.FirstOrDefault(s => s.Id == id);

    public string Zh(string? id) => Find(id)?.NameZh ?? id ?? "";

    public string En(string? id) => Find(id) is { } s && s.NameEn.Length > 0 ? s.NameEn : id ?? "";
}
