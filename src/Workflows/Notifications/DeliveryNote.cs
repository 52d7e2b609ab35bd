namespace Approvals.Workflows.Notifications;

/// <summary>
/// The text kept in <see cref="Notification.LastError"/> after a failed attempt:
/// <c>sent: email | wecom: WeCom answered errcode 93000: …</c>. The <c>sent:</c> part names the channels
/// that already delivered, so a retry does not send them the same message again (the model has no
/// per-channel column); it comes first so that cutting the text to 500 characters never loses it.
/// </summary>
internal static class DeliveryNote
{
    public const int MaxLength = 500;
    private const string SentPrefix = "sent: ";
    private const string Separator = " | ";

    public static string Format(IReadOnlyCollection<string> sent, IEnumerable<(string Channel, string Error)> failures)
    {
        var parts = failures.Select(f => $"{f.Channel}: {f.Error}");
        if (sent.Count > 0) parts = parts.Prepend(SentPrefix + string.Join(",", sent));
        var text = string.Join(Separator, parts);
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>The channels that already delivered, read back from <see cref="Format"/>'s text.</summary>
    public static IReadOnlySet<string> Sent(string? lastError)
    {
        if (lastError is null || !lastError.StartsWith(SentPrefix, StringComparison.Ordinal)) return new HashSet<string>();
        var end = lastError.IndexOf(Separator, StringComparison.Ordinal);
        var list = end < 0 ? lastError[SentPrefix.Length..] : lastError[SentPrefix.Length..end];
        return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
    }
}
