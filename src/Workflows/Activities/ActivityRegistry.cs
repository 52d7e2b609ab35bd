using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Activities;

/// <summary>
/// Every activity type found in the given assemblies, by type name: the descriptors for the designer
/// and validator, and the factory and input binding for the runtime.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(ActivityDescriptor Descriptor, Func<Activity> Create, IReadOnlyList<(InputDescriptor Input, PropertyInfo Property)> Inputs);

    /// <summary>Scans <paramref name="assemblies"/> for non-abstract <see cref="Activity"/> classes carrying <see cref="ActivityAttribute"/>.</summary>
    public ActivityRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !typeof(Activity).IsAssignableFrom(type)) continue;
            var attr = type.GetCustomAttribute<ActivityAttribute>();
            if (attr is null) continue;
            if (_entries.ContainsKey(attr.TypeName))
                throw new InvalidOperationException($"Two activity classes declare the type name '{attr.TypeName}'.");
            _entries[attr.TypeName] = Describe(type, attr);
        }
    }

    /// <summary>All descriptors, by category then name.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        _entries.Values.Select(e => e.Descriptor).OrderBy(d => d.Category.En).ThenBy(d => d.TypeName).ToList();

    public ActivityDescriptor? Find(string typeName) => _entries.GetValueOrDefault(typeName)?.Descriptor;

    /// <summary>A new activity object with its inputs filled from <paramref name="node"/>.</summary>
    internal Activity CreateBound(ActivityNode node, Func<JsExpression, JsonNode?> evaluate)
    {
        var entry = _entries.GetValueOrDefault(node.Type)
                    ?? throw new InvalidOperationException($"Unknown activity type '{node.Type}'.");
        var activity = entry.Create();
        foreach (var (input, property) in entry.Inputs)
        {
            var raw = node.Inputs[input.Name];
            if (raw is null) continue;
            object? value;
            if (JsExpression.TryRead(raw, out var expression))
                value = property.PropertyType == typeof(JsExpression) ? expression : Convert(evaluate(expression), property.PropertyType, input.Name);
            else
                value = Convert(raw, property.PropertyType, input.Name);
            if (value is not null || !property.PropertyType.IsValueType) property.SetValue(activity, value);
        }
        return activity;
    }

    /// <summary>Converts a JSON value to an input's CLR type; the message names the input.</summary>
    internal static object? Convert(JsonNode? value, Type type, string inputName)
    {
        if (type == typeof(JsonNode)) return value?.DeepClone();
        try { return value is null ? null : value.Deserialize(type, JsonSerializerOptions.Web); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"Input '{inputName}' expects {ValueTypeOf(type)}, got {value?.ToJsonString()}.", e);
        }
    }

    private static Entry Describe(Type type, ActivityAttribute attr)
    {
        var inputs = new List<(InputDescriptor, PropertyInfo)>();
        var outputs = new List<OutputDescriptor>();
        var prototype = Activator.CreateInstance(type);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<InputAttribute>() is { } ia)
            {
                var def = p.GetValue(prototype);
                inputs.Add((new InputDescriptor(JsonNamingPolicy.CamelCase.ConvertName(p.Name), new(ia.NameZh, ia.NameEn),
                    new(ia.DescriptionZh, ia.DescriptionEn), ValueTypeOf(p.PropertyType), ia.Editor, ia.Required,
                    def is null ? null : JsonSerializer.SerializeToNode(def, JsonSerializerOptions.Web), ia.Options), p));
            }
            if (p.GetCustomAttribute<OutputAttribute>() is { } oa)
                outputs.Add(new OutputDescriptor(JsonNamingPolicy.CamelCase.ConvertName(p.Name), new(oa.NameZh, oa.NameEn), ValueTypeOf(p.PropertyType)));
        }
        inputs = inputs.OrderBy(i => i.Item2.GetCustomAttribute<InputAttribute>()!.Order).ToList();
        var outcomes = type.GetCustomAttributes<OutcomeAttribute>().Select(o => new OutcomeDescriptor(o.Name, new(o.NameZh, o.NameEn))).ToList();
        var descriptor = new ActivityDescriptor(attr.TypeName, new(attr.CategoryZh, attr.CategoryEn), new(attr.NameZh, attr.NameEn),
            new(attr.DescriptionZh, attr.DescriptionEn), attr.Icon, inputs.Select(i => i.Item1).ToList(), outputs, outcomes,
            attr.OutcomesFromInput) { ClrType = type };
        var ctor = type.GetConstructor(Type.EmptyTypes) ?? throw new InvalidOperationException($"{type} needs a public parameterless constructor.");
        return new Entry(descriptor, () => (Activity)ctor.Invoke(null), inputs);
    }

    private static string ValueTypeOf(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string)) return "string";
        if (t == typeof(bool)) return "boolean";
        if (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal)) return "number";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "datetime";
        if (t == typeof(JsExpression)) return "expression";
        if (t == typeof(JsonNode)) return "any";
        if (t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)) return "array";
        return "object";
    }
}
