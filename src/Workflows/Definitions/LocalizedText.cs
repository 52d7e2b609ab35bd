using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>A text in Chinese (the default language) and English.</summary>
public sealed record LocalizedText(
    [property: JsonPropertyName("zh-CN")] string ZhCN,
    [property: JsonPropertyName("en")] string En)
{
    /// <summary>The text in the given culture name ("en…" gives English, anything else Chinese).</summary>
    public string In(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) && En.Length > 0 ? En : ZhCN;

    public override string ToString() => ZhCN;
}
