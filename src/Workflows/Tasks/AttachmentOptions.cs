namespace Approvals.Workflows.Tasks;

/// <summary>Limits for case attachments (configuration section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    /// <summary>The extensions accepted when <see cref="AllowedExtensions"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultExtensions =
        ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "ofd", "txt", "csv", "jpg", "jpeg", "png", "gif", "zip", "rar"];

    /// <summary>Largest file accepted, in bytes (default 20 MB).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Extensions accepted (without the dot, any case); null or empty means <see cref="DefaultExtensions"/>.
    /// Null by default because the configuration binder appends to a list that already has items
    /// instead of replacing them.
    /// </summary>
    public List<string>? AllowedExtensions { get; set; }

    /// <summary>The extensions in force, lower-case.</summary>
    public IReadOnlySet<string> Extensions =>
        (AllowedExtensions is { Count: > 0 } configured ? configured : DefaultExtensions)
        .Select(e => e.Trim().TrimStart('.').ToLowerInvariant()).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal);
}
