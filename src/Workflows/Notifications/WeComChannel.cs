using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Notifications;

/// <summary>
/// Posts notifications to a WeCom (企业微信) group robot as markdown. Only the kinds in
/// <see cref="WeComOptions.Kinds"/> go there: the group wants to hear about trouble, not every task.
/// </summary>
public sealed class WeComChannel(WeComOptions options, HttpClient http) : INotificationChannel
{
    // WeCom rejects markdown over 4096 bytes; a notification's body is cut well below that.
    private const int MaxBodyChars = 1000;

    public string Name => "wecom";

    public bool IsEnabled => options.IsEnabled;

    public bool Wants(Notification notification) => options.Posts(notification.Kind);

    public Task SendAsync(Notification notification, OrgUser recipient, CancellationToken ct) =>
        Wants(notification) ? PostMarkdownAsync(Markdown(notification, recipient), ct) : Task.CompletedTask;

    /// <summary>
    /// Posts <paramref name="markdown"/> to the group. Throws <see cref="WeComException"/> when WeCom answers
    /// with an error (non-2xx, or an <c>errcode</c> other than 0), and <see cref="InvalidOperationException"/>
    /// when no webhook is configured.
    /// </summary>
    public async Task PostMarkdownAsync(string markdown, CancellationToken ct)
    {
        if (!IsEnabled) throw new InvalidOperationException("No WeCom webhook is configured (Notifications:WeCom:WebhookUrl).");
        var request = new RobotMessage("markdown", new RobotMarkdown(markdown));
        // The webhook URL carries the robot's key: it never goes into an error message.
        using var response = await http.PostAsJsonAsync(options.WebhookUrl, request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new WeComException($"WeCom answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}");
        RobotAnswer? answer;
        try { answer = JsonSerializer.Deserialize<RobotAnswer>(body); }
        catch (JsonException) { throw new WeComException($"WeCom answered something that is not JSON: {Shorten(body)}"); }
        if (answer is null || answer.ErrCode != 0)
            throw new WeComException($"WeCom answered errcode {answer?.ErrCode}: {answer?.ErrMsg}");
    }

    /// <summary>The markdown posted for <paramref name="n"/>.</summary>
    public string Markdown(Notification n, OrgUser recipient)
    {
        var md = new StringBuilder();
        md.Append("**").Append(NotificationKindText.Subject(n)).Append("**\n");
        if (!string.IsNullOrWhiteSpace(n.Body))
        {
            var text = n.Body.Trim();
            if (text.Length > MaxBodyChars) text = text[..MaxBodyChars] + "…";
            md.Append("> ").Append(text.Replace("\n", "\n> ")).Append('\n');
        }
        md.Append("相关人员：").Append(recipient.Name);
        if (options.MentionByMobile && !string.IsNullOrWhiteSpace(recipient.Mobile)) md.Append('（').Append(recipient.Mobile.Trim()).Append('）');
        md.Append('\n');
        if (NotificationKindText.Link(options.BaseUrl, n) is { } link) md.Append("[查看详情](").Append(link).Append(")\n");
        return md.ToString();
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";

    private sealed record RobotMessage([property: JsonPropertyName("msgtype")] string MsgType,
        [property: JsonPropertyName("markdown")] RobotMarkdown Markdown);

    private sealed record RobotMarkdown([property: JsonPropertyName("content")] string Content);

    private sealed record RobotAnswer(
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg);
}
