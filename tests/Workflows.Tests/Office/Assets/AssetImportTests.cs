using Approvals.Activities.Assets;
using Approvals.Workflows.Office;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Approvals.Workflows.Tests.Office.Assets;

/// <summary>资产台账: CSV import (all or nothing, every problem with its line), search, the demo register.</summary>
public sealed class AssetImportTests
{
    private const string Header = "code,name,category,section,location,value,status";

    [Fact]
    public async Task The_demo_register_is_seeded_once_across_the_demo_office()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var all = await h.Register.ListAsync(new() { PageSize = 200 });
        Assert.InRange(all.Total, 20, 30);
        Assert.True(all.Items.Select(a => a.SectionId).Distinct().Count() >= 7);
        Assert.Contains(all.Items, a => a.Category == "公务用车");
        Assert.Contains(all.Items, a => a.Status == AssetStatuses.Retired);
        Assert.Null(await h.Register.SeedIfEmptyAsync(AssetHarness.DemoRegisterFile));
        Assert.Equal(all.Total, (await h.Register.ListAsync(new())).Total);
    }

    [Fact]
    public async Task Every_problem_is_reported_with_its_line_and_nothing_is_saved()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var before = (await h.Register.ListAsync(new())).Total;
        var csv = string.Join("\n",
            Header,
            "ZC-2026-0001,得力考勤机,办公设备,hr,人事科,399,InUse",              // line 2: fine
            "ZC-2026-0002,扫描仪,办公设备,后勤科,仓库,1200,",                    // line 3: unknown section
            "ZC 2026 0003,碎纸机,办公设备,general,,300,",                       // line 4: bad code
            "ZC-2026-0004,,办公设备,general,,300,",                             // line 5: no name
            "ZC-2026-0005,传真机,办公设备,general,,一千元,",                     // line 6: bad value
            "ZC-2026-0006,传真机,办公设备,general,,100,损坏",                    // line 7: bad status
            "ZC-2026-0001,考勤机,办公设备,hr,,399,",                             // line 8: duplicate of line 2
            "ZC-2026-0007,传真机,办公设备,general",                              // line 9: too few columns
            "ZC-2026-0008,传真机,办公设备,general,,100,调换中");                 // line 10: InTransfer by hand

        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Register.ImportCsvAsync(csv, "admin"));
        Assert.Equal("assets-invalid", e.Code);
        Assert.Contains("未导入任何内容", e.Text.ZhCN);
        Assert.Contains("nothing was imported", e.Text.En);
        var byLine = e.Problems.ToDictionary(p => int.Parse(p.Message.En.Split(':')[0]["line ".Length..]), p => p);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], byLine.Keys.Order());
        Assert.Equal("unknown-section", byLine[3].Code);
        Assert.Contains("第 3 行：科室“后勤科”不在组织架构中", byLine[3].Message.ZhCN);
        Assert.Equal("bad-code", byLine[4].Code);
        Assert.Equal("missing-value", byLine[5].Code);
        Assert.Equal("bad-value", byLine[6].Code);
        Assert.Equal("bad-status", byLine[7].Code);
        Assert.Equal("duplicate-code", byLine[8].Code);
        Assert.Contains("第 2 行", byLine[8].Message.ZhCN);
        Assert.Equal("column-count", byLine[9].Code);
        Assert.Equal("status-in-transfer", byLine[10].Code);
        Assert.All(e.Problems, p => Assert.StartsWith("第 ", p.Message.ZhCN));

        Assert.Equal(before, (await h.Register.ListAsync(new())).Total);
        Assert.Empty((await h.Register.ListAsync(new() { Text = "ZC-2026" })).Items);
    }

    [Fact]
    public async Task The_header_must_name_known_columns_and_the_required_ones()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Register.ImportCsvAsync("code,name,colour\nZC-1,a,b\n", "admin"));
        Assert.Contains(e.Problems, p => p.Code == "unknown-column" && p.Message.En.StartsWith("line 1: unknown column 'colour'"));
        Assert.Contains(e.Problems, p => p.Code == "missing-column" && p.Message.ZhCN.Contains("category"));
        Assert.Contains(e.Problems, p => p.Code == "missing-column" && p.Message.ZhCN.Contains("section"));
    }

    [Fact]
    public async Task A_utf8_file_with_bom_quotes_and_chinese_section_names_is_upserted()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var csv = "\uFEFF" + Header + "\r\n"
                  + "ZC-2026-0101,\"办公桌椅（2桌2椅，含文件柜）\",办公桌椅,财务科,\"办公楼2楼, 财务科\",\"12,800.50\",\r\n"
                  + "ZC-2023-0012,联想启天M437台式电脑（已加装内存）,台式电脑,general,办公楼1楼综合科,5800.00,\r\n"
                  + "ZC-2023-0011,联想启天M437台式电脑,台式电脑,general,办公楼1楼综合科,5800.00,InUse\r\n";
        var result = await h.Register.ImportCsvAsync(csv, "admin");

        Assert.Equal(new AssetImportResult(Added: 1, Updated: 1, Unchanged: 1, Moved: 0), result);
        var added = (await h.Register.GetAsync("ZC-2026-0101"))!.Asset;
        Assert.Equal(("办公桌椅（2桌2椅，含文件柜）", "finance", "办公楼2楼, 财务科", 12800.50m, AssetStatuses.InUse),
            (added.Name, added.SectionId, added.Location, added.Value, added.Status));
        Assert.Equal("联想启天M437台式电脑（已加装内存）", (await h.Register.GetAsync(AssetHarness.Desktop))!.Asset.Name);
    }

    [Fact]
    public async Task A_section_changed_by_import_is_kept_as_a_move_without_a_case()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var result = await h.Register.ImportCsvAsync($"{Header}\n{AssetHarness.Desktop},联想启天M437台式电脑,台式电脑,hr,办公楼2楼人事科,5800.00,\n", "admin");
        Assert.Equal(1, result.Moved);
        var details = (await h.Register.GetAsync(AssetHarness.Desktop))!;
        Assert.Equal("hr", details.Asset.SectionId);
        var move = Assert.Single(details.Moves);
        Assert.Equal(("general", "hr", (string?)null, "admin"), (move.FromSectionId, move.ToSectionId, move.InstanceId, move.ApprovedBy));
    }

    [Fact]
    public async Task An_import_cannot_move_or_free_an_asset_that_a_transfer_case_holds()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() =>
            h.Register.ImportCsvAsync($"{Header}\n{AssetHarness.Desktop},联想启天M437台式电脑,台式电脑,hr,,5800,\nZC-2023-0011,联想启天M437台式电脑,台式电脑,general,,5800,\n", "admin"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("asset-in-transfer", problem.Code);
        Assert.Contains(instance.Id, problem.Message.ZhCN);
        Assert.StartsWith("line 2:", problem.Message.En);
        Assert.Equal(("general", AssetStatuses.InTransfer), ((await h.AssetRowAsync(AssetHarness.Desktop)).SectionId, (await h.AssetRowAsync(AssetHarness.Desktop)).Status));
    }

    [Fact]
    public async Task The_register_filters_by_section_category_status_and_text_and_pages()
    {
        await using var h = await AssetHarness.CreateAsync(publishFlow: false);
        var desktops = await h.Register.ListAsync(new() { Category = "台式电脑" });
        Assert.True(desktops.Total >= 4);
        Assert.All(desktops.Items, a => Assert.Equal("台式电脑", a.Category));
        Assert.Equal(desktops.Items.Select(a => a.Code).Order(StringComparer.Ordinal), desktops.Items.Select(a => a.Code));

        Assert.All((await h.Register.ListAsync(new() { Section = "finance" })).Items, a => Assert.Equal("finance", a.SectionId));
        Assert.Equal("ZC-2018-0019", Assert.Single((await h.Register.ListAsync(new() { Status = AssetStatuses.Retired })).Items).Code);
        Assert.All((await h.Register.ListAsync(new() { Text = "联想启天" })).Items, a => Assert.Contains("联想启天", a.Name));
        Assert.NotEmpty((await h.Register.ListAsync(new() { Text = "zc-2021" })).Items);
        Assert.NotEmpty((await h.Register.ListAsync(new() { Text = "第一会议室" })).Items);

        var page2 = await h.Register.ListAsync(new() { Page = 2, PageSize = 10 });
        Assert.Equal(10, page2.Items.Count);
        Assert.Equal((await h.Register.ListAsync(new() { PageSize = 200 })).Items.Skip(10).First().Code, page2.Items[0].Code);
    }

    [Fact]
    public void The_seed_file_comes_from_configuration_or_the_repository()
    {
        static IConfiguration Config(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

        Assert.Equal(AssetHarness.DemoRegisterFile, AssetSeedService.SeedFile(Config()));
        Assert.Null(AssetSeedService.SeedFile(Config(("Assets:SeedFile", ""))));
        Assert.Equal(Path.Combine(EngineHarness.RepoRoot, "data", "my.csv"), AssetSeedService.SeedFile(Config(("Assets:SeedFile", "data/my.csv"))));
        Assert.Equal(Path.Combine("/srv/flows", "assets", "demo-assets.csv"), AssetSeedService.SeedFile(Config(("Paths:Workflows", "/srv/flows"))));
    }

    [Fact]
    public async Task An_empty_register_and_no_organisation_is_not_seeded_with_unknown_sections()
    {
        await using var engine = await EngineHarness.CreateAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() => engine.Get<AssetRegister>().SeedIfEmptyAsync(AssetHarness.DemoRegisterFile));
        Assert.All(e.Problems, p => Assert.Equal("unknown-section", p.Code));
        await using var ctx = engine.Db.Create();
        Assert.False(await ctx.Assets.AnyAsync());
    }
}
