using Approvals.Workflows.Notifications;
using Approvals.Workflows.Tasks;

namespace Approvals.Workflows.Tests.Tasks;

/// <summary>
/// 催办 is limited to once an hour per task. The limit is tried inside the hour (half an hour, one minute before
/// it) and at the hour, so a shorter interval (say two minutes) fails here, not only a missing one.
/// </summary>
public sealed class UrgeIntervalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ChiefStep = """{ "assignment": { "strategy": "initiatorChief" } }""";

    [Fact]
    public async Task A_second_urge_within_the_hour_is_refused_with_the_time_it_may_be_tried_and_is_allowed_at_the_hour()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var staff = new Actor("staff1");
        Assert.Equal(1, await h.Inbox.UrgeAsync(id, staff, Ct)); // 09:00 in the office (01:00 UTC)

        h.Engine.Clock.Advance(TimeSpan.FromMinutes(30));
        var early = await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.UrgeAsync(id, staff, Ct));
        Assert.Equal((ErrorKind.TooManyRequests, "urge-too-often"), (early.Kind, early.Code));
        Assert.Contains("10:00 后再试", early.Text.ZhCN);

        h.Engine.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("urge-too-often", (await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.UrgeAsync(id, staff, Ct))).Code);

        h.Engine.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await h.Inbox.UrgeAsync(id, staff, Ct));

        // What the chief sees: one reminder per accepted urge, none for the refused ones.
        await using var ctx = h.Engine.Db.Create();
        Assert.Equal(2, ctx.Notifications.Count(n => n.UserId == "chief1" && n.Kind == NotificationKind.Urged));
        Assert.Equal(2, ctx.History.Count(r => r.InstanceId == id && r.Action == "Urged"));
    }
}
