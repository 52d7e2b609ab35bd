using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Tests.Organization;

/// <summary>Out-of-office periods and who receives new work meanwhile.</summary>
public sealed class DelegationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<OutOfOffice> Away(OrgHarness h, string user, string to, DateTimeOffset? from = null, TimeSpan? length = null) =>
        h.Org.SetOutOfOfficeAsync(user, from ?? h.Now, (from ?? h.Now) + (length ?? TimeSpan.FromDays(2)), to, "年休假", null, Ct);

    [Fact]
    public async Task Work_goes_to_the_delegate_only_within_the_period()
    {
        await using var h = await OrgHarness.DemoAsync();
        var from = h.Now.AddDays(1);
        var row = await Away(h, "liuyang", "chenxiaoyu", from, TimeSpan.FromDays(3));
        Assert.Equal(("liuyang", "chenxiaoyu", "年休假"), (row.UserId, row.DelegateId, row.Reason));
        Assert.Equal(DateTimeKind.Utc, row.From.Kind);

        Assert.Null(await h.Org.DelegateForAsync("liuyang", from.AddTicks(-1), Ct));
        Assert.Equal("chenxiaoyu", await h.Org.DelegateForAsync("liuyang", from, Ct));                         // From is inclusive
        Assert.Equal("chenxiaoyu", await h.Org.DelegateForAsync("liuyang", from.ToOffset(TimeSpan.FromHours(8)).AddDays(2), Ct));
        Assert.Null(await h.Org.DelegateForAsync("liuyang", from.AddDays(3), Ct));                              // To is exclusive
        Assert.Null(await h.Org.DelegateForAsync("chenxiaoyu", from, Ct));
    }

    [Fact]
    public async Task A_chain_of_absences_is_followed_to_someone_who_is_in()
    {
        await using var h = await OrgHarness.DemoAsync();
        await Away(h, "liuyang", "chenxiaoyu");
        await Away(h, "chenxiaoyu", "hulina");
        Assert.Equal("hulina", await h.Org.DelegateForAsync("liuyang", h.Now, Ct));
        Assert.Equal("hulina", await h.Org.DelegateForAsync("chenxiaoyu", h.Now, Ct));
    }

    [Fact]
    public async Task A_cycle_stops_the_walk_and_a_chain_back_to_the_user_gives_nobody()
    {
        await using var h = await OrgHarness.DemoAsync();
        await Away(h, "liuyang", "chenxiaoyu");
        await Away(h, "chenxiaoyu", "hulina");
        await Away(h, "hulina", "chenxiaoyu");
        // liuyang → chenxiaoyu → hulina → chenxiaoyu: the walk stops at hulina, the last one reached.
        Assert.Equal("hulina", await h.Org.DelegateForAsync("liuyang", h.Now, Ct));
        // chenxiaoyu → hulina → chenxiaoyu: everyone in the chain is away, so the work stays with the user.
        Assert.Null(await h.Org.DelegateForAsync("chenxiaoyu", h.Now, Ct));
        Assert.Null(await h.Org.DelegateForAsync("hulina", h.Now, Ct));
    }

    [Fact]
    public async Task An_inactive_delegate_ends_the_chain()
    {
        await using var h = await OrgHarness.DemoAsync();
        await Away(h, "liuyang", "chenxiaoyu");
        await Away(h, "chenxiaoyu", "hulina");
        await h.DeactivateAsync("hulina");
        Assert.Equal("chenxiaoyu", await h.Org.DelegateForAsync("liuyang", h.Now, Ct));
        Assert.Null(await h.Org.DelegateForAsync("chenxiaoyu", h.Now, Ct));
    }

    [Fact]
    public async Task Of_overlapping_periods_the_latest_to_start_decides()
    {
        await using var h = await OrgHarness.DemoAsync();
        await Away(h, "liuyang", "chenxiaoyu", h.Now, TimeSpan.FromDays(5));
        await Away(h, "liuyang", "hulina", h.Now.AddDays(1), TimeSpan.FromDays(1));
        Assert.Equal("chenxiaoyu", await h.Org.DelegateForAsync("liuyang", h.Now, Ct));
        Assert.Equal("hulina", await h.Org.DelegateForAsync("liuyang", h.Now.AddDays(1.5), Ct));
        Assert.Equal("chenxiaoyu", await h.Org.DelegateForAsync("liuyang", h.Now.AddDays(3), Ct));
    }

    [Theory]
    [InlineData("liuyang", "chenxiaoyu", 0, "bad-period")]
    [InlineData("liuyang", "chenxiaoyu", -1, "bad-period")]
    [InlineData("liuyang", "liuyang", 1, "self-delegate")]
    [InlineData("liuyang", "nobody", 1, "unknown-delegate")]
    [InlineData("liuyang", "", 1, "missing-delegate")]
    [InlineData("liuyang", "hulina", 1, "inactive-delegate")]
    [InlineData("nobody", "hulina", 1, "user-not-found")]
    public async Task A_period_is_checked_before_it_is_saved(string user, string delegateId, int days, string code)
    {
        await using var h = await OrgHarness.DemoAsync();
        await h.DeactivateAsync("hulina");
        var e = await Assert.ThrowsAsync<ApprovalException>(() =>
            h.Org.SetOutOfOfficeAsync(user, h.Now, h.Now.AddDays(days), delegateId, null, null, Ct));
        Assert.Equal(code, e.Code);
        Assert.Equal(code == "user-not-found" ? ErrorKind.NotFound : ErrorKind.Invalid, e.Kind);
        Assert.Empty(await h.Org.OutOfOfficeAsync(null, Ct));
    }

    [Fact]
    public async Task Periods_are_listed_and_removed()
    {
        await using var h = await OrgHarness.DemoAsync();
        var later = await h.Org.SetOutOfOfficeAsync("liuyang", h.Now.AddDays(7), h.Now.AddDays(8), "hulina", null, "inst-1", Ct);
        var first = await Away(h, "liuyang", "chenxiaoyu");
        await Away(h, "gaoming", "liangqing");

        Assert.Equal([first.Id, later.Id], (await h.Org.OutOfOfficeAsync("liuyang", Ct)).Select(o => o.Id));
        Assert.Equal(3, (await h.Org.OutOfOfficeAsync(null, Ct)).Count);
        Assert.Equal("inst-1", (await h.Org.FindOutOfOfficeAsync(later.Id, Ct))!.SourceInstanceId);

        await h.Org.RemoveOutOfOfficeAsync(first.Id, Ct);
        Assert.Null(await h.Org.DelegateForAsync("liuyang", h.Now, Ct));
        Assert.Null(await h.Org.FindOutOfOfficeAsync(first.Id, Ct));
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Org.RemoveOutOfOfficeAsync(first.Id, Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }
}
