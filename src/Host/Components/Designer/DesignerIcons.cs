using System.Collections.Concurrent;
using System.Reflection;
using MudBlazor;

namespace Approvals.Host.Components.Designer;

/// <summary>Material icons by the name an activity descriptor gives (<c>"CallSplit"</c> → the filled icon's SVG).</summary>
public static class DesignerIcons
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Of(string? name) =>
        string.IsNullOrEmpty(name) ? Icons.Material.Filled.Extension : Cache.GetOrAdd(name, n =>
            typeof(Icons.Material.Filled).GetField(n, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
            ?? Icons.Material.Filled.Extension);
}
