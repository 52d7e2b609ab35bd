using Approvals.Workflows.Notifications;
using Microsoft.Extensions.Configuration;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>The <c>Notifications</c> configuration section as the host binds it.</summary>
public sealed class NotificationOptionsBindingTests
{
    [Fact]
    public void The_Notifications_section_binds_every_key()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:PollInterval"] = "00:00:10",
            ["Notifications:Email:Host"] = "smtp.example.gov.cn",
            ["Notifications:Email:Port"] = "587",
            ["Notifications:Email:UseStartTls"] = "true",
            ["Notifications:Email:UserName"] = "approvals",
            ["Notifications:Email:Password"] = "secret",
            ["Notifications:Email:From"] = "approvals@example.gov.cn",
            ["Notifications:Email:BaseUrl"] = "https://oa.example.gov.cn",
            ["Notifications:WeCom:WebhookUrl"] = "https://robot.example/send?key=k",
            ["Notifications:WeCom:Kinds:0"] = "Overdue",
            ["Notifications:WeCom:Kinds:1"] = "Urged",
            ["Notifications:WeCom:MentionByMobile"] = "false",
        }).Build();

        var o = config.GetSection("Notifications").Get<NotificationOptions>()!;

        Assert.Equal(TimeSpan.FromSeconds(10), o.PollInterval);
        Assert.True(o.Email.IsEnabled);
        Assert.Equal(587, o.Email.Port);
        Assert.True(o.Email.UseStartTls);
        Assert.Equal("区政府办公室审批平台", o.Email.FromName);
        Assert.True(o.WeCom.IsEnabled);
        // Configured kinds replace the default ones rather than adding to them.
        Assert.True(o.WeCom.Posts(NotificationKind.Urged));
        Assert.False(o.WeCom.Posts(NotificationKind.Escalated));
        Assert.False(o.WeCom.MentionByMobile);
    }

    [Fact]
    public void Without_configuration_nothing_is_sent_and_WeCom_would_post_overdue_and_escalated()
    {
        var o = new ConfigurationBuilder().Build().GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions();

        Assert.False(o.Email.IsEnabled);
        Assert.False(o.WeCom.IsEnabled);
        Assert.Equal(25, o.Email.Port);
        Assert.False(o.Email.UseStartTls);
        Assert.Equal(TimeSpan.FromSeconds(5), o.PollInterval);
        Assert.Equal([NotificationKind.Overdue, NotificationKind.Escalated], Enum.GetValues<NotificationKind>().Where(o.WeCom.Posts));
    }
}
