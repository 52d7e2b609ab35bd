using System.Text.RegularExpressions;
using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Tests.Organization;

public sealed class DemoOfficeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_the_demo_office_gives_a_complete_organisation()
    {
        await using var h = await OrgHarness.DemoAsync();
        var users = await h.Org.UsersAsync(Ct);
        var sections = await h.Org.SectionsAsync(Ct);
        var byId = users.ToDictionary(u => u.Id);

        Assert.InRange(users.Count, 30, 36);
        Assert.All(users, u => Assert.True(u.Active));
        Assert.Equal(["leaders", "secretariat", "general", "information", "supervision", "hr", "finance", "publicaffairs", "finance-affairs"],
            sections.Select(s => s.Id));
        foreach (var s in sections)
        {
            Assert.True(s.ChiefId is not null && byId[s.ChiefId].SectionId == s.Id, $"section {s.Id} has a chief in it");
            Assert.True(s.DeputyDirectorId is not null && byId[s.DeputyDirectorId].Position == Position.DeputyDirector, $"section {s.Id} has a deputy director");
            if (s.Id == "leaders") continue;
            Assert.Equal(Position.Chief, byId[s.ChiefId].Position);
            Assert.InRange(users.Count(u => u.SectionId == s.Id && u.Position == Position.Staff), 2, 4);
        }
        Assert.Equal("主任", byId[sections.Single(s => s.Id == "supervision").ChiefId!].Title);

        // Leadership: one director, three deputies who share the sections between them (分管).
        var director = Assert.Single(users, u => u.Position == Position.Director);
        Assert.Equal(director.Id, await h.Org.DirectorAsync(Ct));
        var deputies = users.Where(u => u.Position == Position.DeputyDirector).Select(u => u.Id).ToList();
        Assert.Equal(3, deputies.Count);
        Assert.All(deputies, d => Assert.Contains(sections, s => s.Id != "leaders" && s.DeputyDirectorId == d));
        Assert.All(users.Where(u => u.Position >= Position.DeputyDirector), u => Assert.Equal("leaders", u.SectionId));

        // The state-asset committee: a deputy director leads, the finance chief is a member, several sections.
        var committee = Assert.Single(await h.Org.GroupsAsync(Ct), g => g.Id == "state-asset-committee");
        Assert.Equal("国有资产管理领导小组", committee.NameZh);
        var members = await h.Org.GroupMembersAsync("state-asset-committee", Ct);
        Assert.Equal(5, members.Count);
        Assert.Equal(Position.DeputyDirector, byId[members[0]].Position);
        Assert.Equal("组长", committee.Members[0].Role);
        Assert.Contains(sections.Single(s => s.Id == "finance").ChiefId!, members);
        Assert.True(members.Select(m => byId[m].SectionId).Distinct().Count() >= 4);

        var admin = Assert.Single(users, u => u.IsAdmin);
        Assert.Equal(("admin", "information", Position.Staff), (admin.Id, admin.SectionId, admin.Position));

        Assert.All(users, u => Assert.Equal($"{u.Id}@district.gov.example", u.Email));
        Assert.All(users, u => Assert.Matches(new Regex(@"^138\d{8}$"), u.Mobile!));
        Assert.Equal(users.Count, users.Select(u => u.Mobile).Distinct().Count());
        Assert.All(users.Where(u => u.Id != "admin"), u => Assert.Matches(new Regex(@"^\p{IsCJKUnifiedIdeographs}{2,3}$"), u.Name));
    }

    [Fact]
    public async Task Seeding_a_second_time_leaves_the_organisation_alone()
    {
        await using var h = await OrgHarness.DemoAsync();
        var liuyang = await h.UserDataAsync("liuyang");
        liuyang.Title = "副主任科员";
        await h.ImportUsersAsync(liuyang);

        Assert.Null(await h.Importer.SeedIfEmptyAsync(OrgHarness.DemoFile, Ct));
        Assert.Equal("副主任科员", (await h.Org.FindUserAsync("liuyang", Ct))!.Title);
    }

    [Fact]
    public async Task The_demo_file_is_in_the_canonical_format()
    {
        var text = await File.ReadAllTextAsync(OrgHarness.DemoFile, Ct);
        Assert.Equal(text, OrgData.Serialize(OrgData.Parse(text)));
        Assert.Contains("\"办领导\"", text);
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
    }
}
