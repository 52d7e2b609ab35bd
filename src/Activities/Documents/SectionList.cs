using System.Text.Json.Nodes;
using Approvals.Workflows.Organization;

namespace Approvals.Activities.Documents;

/// <summary>
/// A list of sections as people write it in a form ("财务科、人事科", "finance, hr") or as a JSON array,
/// matched against the organisation by id, Chinese name or English name.
/// </summary>
public static class SectionList
{
    private static readonly char[] Separators = [',', '，', '、', ';', '；', ' ', '\t', '\n', '\r', '\u3000'];

    /// <summary>The entries of a text or an array, trimmed, empty ones dropped, in order, without repeats.</summary>
    public static IReadOnlyList<string> Split(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(x => x?.ToString().Trim()).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).Distinct().ToList(),
        JsonValue v when v.ToString() is { } text => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList(),
        _ => [],
    };

    /// <summary>Matches each entry to a section; <c>Unknown</c> lists the entries that match none.</summary>
    public static (IReadOnlyList<Section> Found, IReadOnlyList<string> Unknown) Resolve(IReadOnlyList<string> entries, IReadOnlyList<Section> sections)
    {
        var found = new List<Section>();
        var unknown = new List<string>();
        foreach (var entry in entries)
        {
            var section = sections.FirstOrDefault(s => s.Id == entry)
                          ?? sections.FirstOrDefault(s => s.NameZh == entry)
                          ?? sections.FirstOrDefault(s => string.Equals(s.NameEn, entry, StringComparison.OrdinalIgnoreCase));
            if (section is null) unknown.Add(entry);
            else if (!found.Contains(section)) found.Add(section);
        }
        return (found, unknown);
    }
}
