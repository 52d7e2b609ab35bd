using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Organization;

/// <summary>Who is one level up, who is responsible, who holds what — on the demo office.</summary>
public sealed class HierarchyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("liuyang", "wangjing", "liguoqiang")]        // 秘书科 staff → chief; 分管 deputy
    [InlineData("hanxue", "gaoming", "zhaozhiyuan")]         // 财务科 staff
    [InlineData("admin", "wulei", "sunhongmei")]             // the admin is staff of 信息科
    [InlineData("wangjing", "liguoqiang", "liguoqiang")]     // chief → responsible deputy director
    [InlineData("guoliping", "liguoqiang", "liguoqiang")]    // 督查室主任 is a chief
    [InlineData("penghui", "zhaozhiyuan", "zhaozhiyuan")]
    [InlineData("sunhongmei", "zhouwenhua", "zhouwenhua")]   // deputy director → director
    [InlineData("liguoqiang", "zhouwenhua", "zhouwenhua")]
    public async Task One_level_up_and_the_responsible_deputy_director(string user, string chief, string deputy)
    {
        await using var h = await OrgHarness.DemoAsync();
        Assert.Equal(chief, await h.Org.ChiefOfAsync(user, Ct));
        Assert.Equal(deputy, await h.Org.DeputyDirectorOfAsync(user, Ct));
    }

    [Fact]
    public async Task Nobody_is_above_the_director_and_unknown_users_have_nobody()
    {
        await using var h = await OrgHarness.DemoAsync();
        Assert.Equal("zhouwenhua", await h.Org.DirectorAsync(Ct));
        Assert.Null(await h.Org.ChiefOfAsync("zhouwenhua", Ct));
        Assert.Null(await h.Org.DeputyDirectorOfAsync("zhouwenhua", Ct));
        Assert.Null(await h.Org.ChiefOfAsync("nobody", Ct));
        Assert.Null(await h.Org.FindUserAsync("nobody", Ct));
    }

    [Fact]
    public async Task An_inactive_chief_is_skipped_and_the_next_level_answers()
    {
        await using var h = await OrgHarness.DemoAsync();
        await h.DeactivateAsync("wangjing");
        Assert.Equal("liguoqiang", await h.Org.ChiefOfAsync("liuyang", Ct));
        Assert.Empty(await h.Org.HoldersAsync("secretariat", Position.Chief, Ct));
        Assert.DoesNotContain("wangjing", await h.Org.SectionMembersAsync("secretariat", Ct));

        // With the responsible deputy director gone too, the director.
        await h.DeactivateAsync("liguoqiang");
        Assert.Equal("zhouwenhua", await h.Org.ChiefOfAsync("liuyang", Ct));
        Assert.Equal("zhouwenhua", await h.Org.DeputyDirectorOfAsync("liuyang", Ct));
        Assert.Equal("zhouwenhua", await h.Org.ChiefOfAsync("guoliping", Ct));
    }

    [Fact]
    public async Task A_deputy_chief_answers_to_the_chief_then_the_deputy_director()
    {
        await using var h = await OrgHarness.DemoAsync();
        await h.ImportUsersAsync(new OrgUserData { Id = "qianfang", Name = "钱芳", Section = "secretariat", Position = "DeputyChief" });
        Assert.Equal("副科长", (await h.Org.FindUserAsync("qianfang", Ct))!.Title);
        Assert.Equal("wangjing", await h.Org.ChiefOfAsync("qianfang", Ct));
        await h.DeactivateAsync("wangjing");
        Assert.Equal("liguoqiang", await h.Org.ChiefOfAsync("qianfang", Ct));
        Assert.Equal(["qianfang"], await h.Org.HoldersAsync("secretariat", Position.DeputyChief, Ct));
    }

    [Fact]
    public async Task The_answer_is_never_the_user_themself()
    {
        await using var h = await OrgHarness.DemoAsync();
        // A section whose chief is, by position, a member of staff (a small team led by a 科员).
        await h.Importer.ImportAsync(new OrgData
        {
            Sections = [new OrgSectionData { Id = "archive", Name = new("档案室", "Archive"), Chief = "sunli", DeputyDirector = "sunhongmei", Order = 100 }],
            Users = [new OrgUserData { Id = "sunli", Name = "孙莉", Section = "archive", Position = "Staff" }],
        }, Ct);
        Assert.Equal("sunhongmei", await h.Org.ChiefOfAsync("sunli", Ct));
    }

    [Fact]
    public async Task Members_and_holders_count_only_active_people()
    {
        await using var h = await OrgHarness.DemoAsync();
        Assert.Equal(["gaoming"], await h.Org.HoldersAsync("finance", Position.Chief, Ct));
        Assert.Equal(3, (await h.Org.HoldersAsync("leaders", Position.DeputyDirector, Ct)).Count);
        Assert.Equal(["gaoming", "hanxue", "liangqing", "xiejun"], await h.Org.SectionMembersAsync("finance", Ct));
        Assert.Empty(await h.Org.SectionMembersAsync("no-such-section", Ct));
        Assert.Empty(await h.Org.GroupMembersAsync("no-such-group", Ct));

        await h.DeactivateAsync("wulei");
        var committee = await h.Org.GroupMembersAsync("state-asset-committee", Ct);
        Assert.Equal(4, committee.Count);
        Assert.DoesNotContain("wulei", committee);
        Assert.Equal("zhaozhiyuan", committee[0]); // the 组长 first
    }

    [Fact]
    public async Task Entities_handed_out_are_copies()
    {
        await using var h = await OrgHarness.DemoAsync();
        var user = (await h.Org.FindUserAsync("liuyang", Ct))!;
        user.SectionId = "finance";
        (await h.Org.SectionsAsync(Ct))[1].ChiefId = "liuyang";
        (await h.Org.GroupsAsync(Ct))[0].Members.Clear();
        Assert.Equal("secretariat", (await h.Org.FindUserAsync("liuyang", Ct))!.SectionId);
        Assert.Equal("wangjing", await h.Org.ChiefOfAsync("liuyang", Ct));
        Assert.Equal(5, (await h.Org.GroupMembersAsync("state-asset-committee", Ct)).Count);
    }

    [Fact]
    public async Task The_snapshot_is_kept_until_invalidated_or_too_old()
    {
        await using var h = await OrgHarness.DemoAsync();
        Assert.NotNull(await h.Org.FindUserAsync("liuyang", Ct));
        await using (var ctx = h.Engine.Db.Create())
            await ctx.Users.Where(u => u.Id == "liuyang").ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "刘阳"), Ct);

        Assert.Equal("刘洋", (await h.Org.FindUserAsync("liuyang", Ct))!.Name); // a write behind the module's back is not seen…
        h.Org.Invalidate();
        Assert.Equal("刘阳", (await h.Org.FindUserAsync("liuyang", Ct))!.Name); // …until invalidated

        await using (var ctx = h.Engine.Db.Create())
            await ctx.Users.Where(u => u.Id == "liuyang").ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "刘洋"), Ct);
        h.Engine.Clock.Advance(OrganizationService.MaxAge);
        Assert.Equal("刘洋", (await h.Org.FindUserAsync("liuyang", Ct))!.Name); // …or too old (another host wrote)
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_see_a_consistent_organisation()
    {
        await using var h = await OrgHarness.DemoAsync();
        var writers = Enumerable.Range(0, 5).Select(async i =>
        {
            var u = await h.UserDataAsync("liuyang");
            u.Title = $"科员{i}";
            await h.ImportUsersAsync(u);
        });
        var readers = Enumerable.Range(0, 50).Select(async _ =>
        {
            Assert.Equal("wangjing", await h.Org.ChiefOfAsync("liuyang", Ct));
            Assert.InRange((await h.Org.UsersAsync(Ct)).Count, 30, 36);
        });
        await Task.WhenAll(writers.Concat(readers));
        Assert.StartsWith("科员", (await h.Org.FindUserAsync("liuyang", Ct))!.Title);
    }
}
