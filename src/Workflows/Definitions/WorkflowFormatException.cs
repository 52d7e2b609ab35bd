namespace Approvals.Workflows.Definitions;

/// <summary>A definition text that cannot be read: bad JSON or fields that do not fit the format.</summary>
public sealed class WorkflowFormatException(string? source, string messageZh, string messageEn)
    : Exception(messageEn)
{
    /// <summary>The file or upload the text came from, when known.</summary>
    public string? SourceName { get; } = source;
    public LocalizedText Text { get; } = new(messageZh, messageEn);
}
