using Approvals.Workflows.Activities;
using Approvals.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Reports;

/// <summary>
/// 企业微信通报 (rule 8): posts a markdown message to the office's WeCom group robot
/// (<c>Notifications:WeCom:WebhookUrl</c>). The template may hold <c>{{ expression }}</c> placeholders.
/// A failed post is tried again (<see cref="WeComReportOptions"/>: 3 attempts, backoff 1 s, 2 s); when every
/// attempt failed the activity faults and the instance gets an incident that an admin can retry. With no
/// webhook configured the activity completes and says so in the journal.
/// </summary>
/// <remarks>
/// The post happens inside the burst, before its commit: if the commit then loses a concurrency race the
/// burst runs again and the message may be posted twice. Group messages are informational, so that rare
/// duplicate is preferred over a message that might silently never be sent.
/// </remarks>
[Activity("WeComReport", CategoryZh = "通报", CategoryEn = "Reports", NameZh = "企业微信通报", NameEn = "WeCom group report",
    DescriptionZh = "向全办企业微信群机器人发送 Markdown 通报（可用 {{ 表达式 }}）；失败自动重试，仍失败则转为故障待管理员重试；未配置企业微信时跳过并记入日志。",
    DescriptionEn = "Posts a markdown message (with {{ expression }} placeholders) to the office's WeCom group robot; retries, then raises an incident for an admin to retry; skipped (and journalled) when WeCom is not configured.",
    Icon = "Campaign")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class WeComReport : Activity
{
    [Input("消息内容", "Message", Required = true, Editor = InputEditors.Multiline, Order = 1,
        DescriptionZh = "Markdown 文本，可用 {{ 表达式 }}，如 {{ input.title }}", DescriptionEn = "Markdown; may contain {{ expression }}, e.g. {{ input.title }}")]
    public string Template { get; set; } = "";

    [Output("已发送", "Posted")]
    public bool Posted { get; set; }

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var markdown = WeComText.Fit(TemplateText.Fill(Template, context));
        var channel = context.Services.GetService<WeComChannel>();
        if (channel is null || !channel.IsEnabled)
        {
            context.Journal("未配置企业微信群机器人，通报未发送 / WeCom is not configured; the report was not posted");
            context.SetOutput("posted", false);
            context.Complete(Outcomes.Done);
            return;
        }

        var options = context.Services.GetService<WeComReportOptions>() ?? new WeComReportOptions();
        var attempts = Math.Max(1, options.Attempts);
        Exception? last = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await channel.PostMarkdownAsync(markdown, CancellationToken.None);
                context.Journal(attempt == 1 ? "已发送企业微信通报 / posted to WeCom" : $"已发送企业微信通报（第 {attempt} 次尝试）/ posted to WeCom (attempt {attempt})");
                context.SetOutput("posted", true);
                context.Complete(Outcomes.Done);
                return;
            }
            // An HTTP timeout is a TaskCanceledException: it is caught here so that it becomes an incident,
            // not a cancellation that would escape the burst.
            catch (Exception e) when (e is WeComException or HttpRequestException or TaskCanceledException)
            {
                last = e;
                if (attempt < attempts) await Task.Delay(options.Backoff * (1 << (attempt - 1)));
            }
        }
        throw new InvalidOperationException($"企业微信通报发送失败（已尝试 {attempts} 次）/ posting to WeCom failed after {attempts} attempts: {last!.Message}", last);
    }
}
