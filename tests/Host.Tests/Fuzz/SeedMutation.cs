using CsCheck;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// Well-formed bodies the API takes (a definition, the organisation file, a start request, a task action, …) with a
/// few of their values replaced, removed or joined by malformed ones: the kind of input that gets past the first
/// checks and breaks something deeper, such as <c>"name": {}</c> in a definition or <c>"users": null</c> in an import.
/// </summary>
public static class SeedMutation
{
    private enum Change { Replace, Remove, AddField, Null, EmptyObject }

    /// <summary>One of <paramref name="seeds"/> (JSON texts) with one to three changes.</summary>
    public static Gen<string> Of(IReadOnlyList<string> seeds, Gen<string> value) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Select(Gen.Enum<Change>(), Gen.Double[0, 1], value).Array[1, 3])
            .Select((seed, changes) => Apply(seeds[seed], changes));

    private static string Apply(string seed, (Change Kind, double Where, string Value)[] changes)
    {
        var root = JsonNode.Parse(seed)!;
        var raw = new List<string>();
        foreach (var (kind, where, value) in changes)
        {
            var slots = Slots(root).ToList();
            if (slots.Count == 0) break;
            var (parent, key, index) = slots[Math.Min((int)(where * slots.Count), slots.Count - 1)];
            JsonNode? replacement = kind switch
            {
                Change.Null => null,
                Change.EmptyObject => new JsonObject(),
                _ => Marker(raw, value),
            };
            switch (kind)
            {
                case Change.Remove when parent is JsonObject o: o.Remove(key!); break;
                case Change.Remove when parent is JsonArray a: a.RemoveAt(index); break;
                case Change.AddField when parent is JsonObject o: o["unexpected" + raw.Count] = replacement; break;
                case Change.AddField when parent is JsonArray a: a.Add(replacement); break;
                default:
                    if (parent is JsonObject po) po[key!] = replacement;
                    else ((JsonArray)parent)[index] = replacement;
                    break;
            }
        }
        var text = root.ToJsonString();
        for (var i = 0; i < raw.Count; i++) text = text.Replace($"\"@@RAW{i}@@\"", raw[i], StringComparison.Ordinal);
        return text;
    }

    /// <summary>A placeholder string, swapped for the raw text after serializing (a tree cannot hold a lone surrogate or 1e400).</summary>
    private static JsonNode Marker(List<string> raw, string value)
    {
        raw.Add(value);
        return JsonValue.Create($"@@RAW{raw.Count - 1}@@");
    }

    /// <summary>Every place in the tree that holds a value: (container, property name or index).</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, -1);
                    if (child is not null) foreach (var s in Slots(child)) yield return s;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    if (a[i] is { } child) foreach (var s in Slots(child)) yield return s;
                }
                break;
        }
    }
}
