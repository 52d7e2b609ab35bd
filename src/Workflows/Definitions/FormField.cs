using System.Text.Json.Serialization;

namespace Approvals.Workflows.Definitions;

/// <summary>One field of a workflow's start form.</summary>
public sealed class FormField
{
    public string Key { get; set; } = "";
    public LocalizedText Label { get; set; } = new("", "");
    public FormFieldType Type { get; set; } = FormFieldType.Text;
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Required { get; set; }
    /// <summary>Lower bound: a number for numbers, a length for text, an ISO date for dates.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Min { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Max { get; set; }
    /// <summary>A .NET regular expression the whole text must match.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pattern { get; set; }
    /// <summary>Choices for <see cref="FormFieldType.Select"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<FormOption>? Options { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Help { get; set; }
}

/// <summary>A choice of a select field: the stored value and its labels.</summary>
public sealed record FormOption(string Value, LocalizedText Label);

/// <summary>The kinds of start-form fields.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FormFieldType>))]
public enum FormFieldType
{
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("multiline")] Multiline,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("datetime")] DateTime,
    [JsonStringEnumMemberName("select")] Select,
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("section")] Section,
    [JsonStringEnumMemberName("file")] File,
}
