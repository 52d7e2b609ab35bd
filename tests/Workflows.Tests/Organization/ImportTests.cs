using Approvals.Workflows.Organization;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Organization;

/// <summary>Importing the organisation: upserts, counts, and validation that saves nothing when anything is wrong.</summary>
public sealed class ImportTests
{
    private const string Header = "id,name,section,position,title,email,mobile,isAdmin,active";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_problem_is_reported_and_nothing_is_saved()
    {
        await using var h = await OrgHarness.EmptyAsync();
        var data = new OrgData
        {
            Sections =
            [
                new() { Id = "sec", Name = new("秘书科", "Secretariat"), Chief = "b", DeputyDirector = "c" },
                new() { Id = "sec", Name = new("秘书科", "Secretariat") },
                new() { Id = "x" },
            ],
            Users =
            [
                new() { Id = "a", Name = "甲", Section = "sec" },
                new() { Id = "a", Name = "乙", Section = "sec" },
                new() { Id = "b", Name = "丙", Section = "nowhere" },
                new() { Id = "c", Name = " ", Section = "sec", Position = "Boss" },
            ],
            Groups = [new() { Id = "g", Name = new("小组", "Group"), Members = [new() { User = "a" }, new() { User = "zz" }, new() { User = "a" }] }],
        };
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Importer.ImportAsync(data, Ct));

        Assert.Equal((ErrorKind.Invalid, "org-invalid"), (e.Kind, e.Code));
        Assert.Equal(["duplicate-id", "missing-name", "duplicate-id", "unknown-section", "missing-name", "bad-position",
                      "chief-not-in-section", "not-a-deputy-director", "unknown-member", "duplicate-member"], e.Problems.Select(p => p.Code));
        Assert.Contains(e.Problems, p => p.Message.En == "user #3 ('b'): section 'nowhere' does not exist");
        Assert.Contains(e.Problems, p => p.Message.ZhCN == "用户第 4 条（c）：岗位“Boss”无效，应为 Staff、DeputyChief、Chief、DeputyDirector、Director 之一");
        Assert.Contains(e.Problems, p => p.Message.En == "group #1 ('g') member #2: user 'zz' does not exist");
        Assert.Contains("10", e.Text.En);

        await using var ctx = h.Engine.Db.Create();
        Assert.Equal((0, 0, 0), (await ctx.Users.CountAsync(Ct), await ctx.Sections.CountAsync(Ct), await ctx.Groups.CountAsync(Ct)));
        Assert.Empty(await h.Org.UsersAsync(Ct));
    }

    [Fact]
    public async Task Csv_fields_may_hold_quoted_commas_quotes_and_line_breaks()
    {
        await using var h = await OrgHarness.DemoAsync();
        var csv = "\uFEFF" + Header + "\r\n"
                  + "qianfang,钱芳,secretariat,DeputyChief,\"副科长,兼保密员\",qianfang@district.gov.example,13800000000,否,是\r\n"
                  + "\r\n"
                  + "sunli,\"孙莉\",general,,\"科员（\"\"借调\"\"）\",,,,\r\n"
                  + "zhoujie,周杰,hr,staff,\"科员\n（试用期）\",,,0,false";
        var result = await h.Importer.ImportUsersCsvAsync(csv, Ct);

        Assert.Equal(new ImportCounts(3, 0, 0), result.Users);
        Assert.Equal(ImportCounts.None, result.Sections);
        var qianfang = (await h.Org.FindUserAsync("qianfang", Ct))!;
        Assert.Equal(("副科长,兼保密员", Position.DeputyChief, "13800000000", false, true),
            (qianfang.Title, qianfang.Position, qianfang.Mobile, qianfang.IsAdmin, qianfang.Active));
        var sunli = (await h.Org.FindUserAsync("sunli", Ct))!;
        Assert.Equal(("科员（\"借调\"）", Position.Staff, null, true), (sunli.Title, sunli.Position, sunli.Email, sunli.Active));
        var zhoujie = (await h.Org.FindUserAsync("zhoujie", Ct))!;
        Assert.Equal(("科员\n（试用期）", false), (zhoujie.Title, zhoujie.Active));
    }

    [Fact]
    public async Task A_bad_csv_row_is_reported_with_its_line_and_nothing_is_saved()
    {
        await using var h = await OrgHarness.DemoAsync();
        var csv = Header + "\n"
                  + "qianfang,钱芳,secretariat,DeputyChief,副科长,,,false,true\n"
                  + "sunli,孙莉,general,Staff,\"科员\n（借调）\",,,0,1\n"   // one record over lines 3 and 4
                  + "zhoujie,周杰,general,Boss,科员,,,,\n"
                  + "xuli,徐丽,nowhere,Staff,科员,,,maybe,\n"
                  + "chenxin,陈欣,general,Staff,科员,,\n";
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Importer.ImportUsersCsvAsync(csv, Ct));

        Assert.Equal("org-invalid", e.Code);
        Assert.Collection(e.Problems.OrderBy(p => p.Message.En, StringComparer.Ordinal),
            p => Assert.Equal("line 5: position 'Boss' is not valid; use one of Staff, DeputyChief, Chief, DeputyDirector, Director", p.Message.En),
            p => Assert.Equal("line 6: 'isAdmin' has the value 'maybe'; expected true/false, 1/0 or yes/no", p.Message.En),
            p => Assert.Equal("line 6: section 'nowhere' does not exist", p.Message.En),
            p => Assert.StartsWith("line 7: has 7 columns but the header has 9", p.Message.En));
        Assert.Contains(e.Problems, p => p.Message.ZhCN.StartsWith("第 5 行：岗位“Boss”无效"));
        Assert.Null(await h.Org.FindUserAsync("qianfang", Ct));
        Assert.Null(await h.Org.FindUserAsync("sunli", Ct));
    }

    [Theory]
    [InlineData("", "csv-empty", "line 1: the file has no header and no rows")]
    [InlineData("id,name,section,nickname\nx,小x,hr,xx", "unknown-column", "line 1: unknown column 'nickname'")]
    [InlineData("id,name\nx,小x", "missing-column", "line 1: the required column 'section' is missing")]
    [InlineData("id,name,section\nx,\"小x,hr\ny,小y,hr", "csv-syntax", "line 2: unterminated quote")]
    [InlineData("id,name,section\nx,小\"x\",hr", "csv-syntax", "line 2: misplaced quote")]
    [InlineData("id,name,section\nx,\"小x\"y,hr", "csv-syntax", "line 2: misplaced quote")]
    public async Task Malformed_csv_is_reported_with_its_line(string csv, string code, string message)
    {
        await using var h = await OrgHarness.DemoAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Importer.ImportUsersCsvAsync(csv, Ct));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(code, problem.Code);
        Assert.StartsWith(message, problem.Message.En);
    }

    [Fact]
    public async Task Csv_columns_may_come_in_any_order_and_optional_ones_may_be_left_out()
    {
        await using var h = await OrgHarness.DemoAsync();
        await h.Importer.ImportUsersCsvAsync("section,Name,ID\nfinance,小李,xiaoli\n", Ct);
        var u = (await h.Org.FindUserAsync("xiaoli", Ct))!;
        Assert.Equal(("小李", "finance", Position.Staff, "科员", true), (u.Name, u.SectionId, u.Position, u.Title, u.Active));
    }

    [Fact]
    public async Task Rows_are_checked_against_what_is_stored()
    {
        await using var h = await OrgHarness.DemoAsync();
        var csv = Header + "\n"
                  + "wangjing,王静,general,Chief,科长,,,,\n"                 // the chief of 秘书科 moving away
                  + "liguoqiang,李国强,leaders,Staff,副主任,,,,\n"           // a responsible deputy director losing the position
                  + "wangxin,王鑫,leaders,Director,主任,,,,\n";             // a second director
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Importer.ImportUsersCsvAsync(csv, Ct));
        Assert.Contains(e.Problems, p => p.Code == "chief-not-in-section" && p.Message.En.StartsWith("line 2: the chief 'wangjing' of section 'secretariat'"));
        Assert.Contains(e.Problems, p => p.Code == "not-a-deputy-director" && p.Message.En.StartsWith("line 3: 'liguoqiang'"));
        Assert.Contains(e.Problems, p => p.Code == "several-directors" && p.Message.En.StartsWith("line 4:"));
        Assert.Equal("secretariat", (await h.Org.FindUserAsync("wangjing", Ct))!.SectionId);
    }

    [Fact]
    public async Task An_import_adds_updates_and_counts_and_replaces_group_members()
    {
        await using var h = await OrgHarness.DemoAsync();
        var liuyang = await h.UserDataAsync("liuyang");
        liuyang.Title = "一级科员";
        var data = new OrgData
        {
            Sections = [new() { Id = "secretariat", Name = new("秘书科", "Secretariat"), Chief = "wangjing", DeputyDirector = "liguoqiang", Order = 20 }],
            Users = [liuyang, await h.UserDataAsync("chenxiaoyu"), new() { Id = "qianfang", Name = "钱芳", Section = "secretariat" }],
            Groups = [new() { Id = "state-asset-committee", Name = new("国有资产管理领导小组", "State Asset Management Committee"),
                Members = [new() { User = "gaoming", Role = "成员" }, new() { User = "zhaozhiyuan", Role = "组长" }, new() { User = "qianfang", Role = "成员" }] }],
        };

        var result = await h.Importer.ImportAsync(data, Ct);
        Assert.Equal(new OrgImportResult(new(0, 0, 1), new(1, 1, 1), new(0, 1, 0)), result);
        Assert.Equal("一级科员", (await h.Org.FindUserAsync("liuyang", Ct))!.Title);
        Assert.Equal(["zhaozhiyuan", "gaoming", "qianfang"], await h.Org.GroupMembersAsync("state-asset-committee", Ct));
        Assert.InRange((await h.Org.UsersAsync(Ct)).Count, 33, 37); // users not in the import stay

        var again = await h.Importer.ImportAsync(data, Ct);
        Assert.Equal(new OrgImportResult(new(0, 0, 1), new(0, 0, 3), new(0, 0, 1)), again);

        var json = OrgData.Serialize(new OrgData { Groups = [new() { Id = "state-asset-committee", Name = new("国有资产管理领导小组", ""), Members = [new() { User = "gaoming", Role = "组长" }] }] });
        Assert.Equal(new ImportCounts(0, 1, 0), (await h.Importer.ImportJsonAsync(json, Ct)).Groups);
        var committee = Assert.Single(await h.Org.GroupsAsync(Ct));
        Assert.Equal(("", "gaoming", "组长"), (committee.NameEn, Assert.Single(committee.Members).UserId, committee.Members[0].Role));
    }

    [Theory]
    [InlineData("{ \"users\": [ { \"id\": \"x\", \"nmae\": \"小x\" } ] }", "nmae")]
    [InlineData("{ \"users\": [ { \"id\": 1 } ] }", "line 1")]
    [InlineData("{ \"users\": [\n  { \"id\": \"x\" ,, } ] }", "line 2")]
    public async Task Unreadable_json_names_the_place(string json, string expected)
    {
        await using var h = await OrgHarness.EmptyAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Importer.ImportJsonAsync(json, Ct));
        Assert.Equal((ErrorKind.Invalid, "invalid-json"), (e.Kind, e.Code));
        Assert.Contains(expected, e.Text.En);
    }
}
