using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// Finds a value the definition types declare non-nullable that reading left null: a list item written as
/// <c>null</c>, or a constructor parameter such as <c>"zh-CN": null</c> or <c>"source": null</c>, which the
/// serializer accepts on reading but refuses on writing. Refused on reading, such a text never reaches the store.
/// </summary>
internal static class RequiredValues
{
    private sealed record Member(PropertyInfo Property, string Name, bool Nullable);

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>The JSON path of the first missing value (e.g. <c>startForm[0].label.zh-CN</c>), or null when there is none.</summary>
    public static string? FirstMissing(object root) => Find(root, "");

    private static string? Find(object node, string path)
    {
        foreach (var member in Members.GetOrAdd(node.GetType(), MembersOf))
        {
            var at = path.Length == 0 ? member.Name : path + "." + member.Name;
            switch (member.Property.GetValue(node))
            {
                case null when !member.Nullable: return at;
                case null or JsonNode: break;
                case IList list:
                    for (var i = 0; i < list.Count; i++)
                        if (list[i] is not { } item) return $"{at}[{i}]";
                        else if (IsOwn(item.GetType()) && Find(item, $"{at}[{i}]") is { } inner) return inner;
                    break;
                case { } value when IsOwn(value.GetType()):
                    if (Find(value, at) is { } found) return found;
                    break;
            }
        }
        return null;
    }

    /// <summary>The types of this namespace are walked into; strings, numbers, enums and JSON trees are leaves.</summary>
    private static bool IsOwn(Type type) => type.IsClass && type.Namespace == typeof(RequiredValues).Namespace;

    private static Member[] MembersOf(Type type)
    {
        var nullability = new NullabilityInfoContext(); // not thread-safe: one per type, under the cache
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0
                        && p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition != JsonIgnoreCondition.Always)
            .Select(p => new Member(p,
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.PropertyType.IsValueType || nullability.Create(p).ReadState != NullabilityState.NotNull))
            .ToArray();
    }
}
