using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>What the designer reads: the published definitions and the activity toolbox.</summary>
public sealed class CatalogTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Definitions_list_the_sample_flow_loaded_from_the_workflows_folder_as_version_1()
    {
        var list = await _client.GetJsonAsync("/api/definitions");

        var sample = list.Items().Single(d => (string?)d["id"] == SampleId);
        Assert.Equal(1, (int?)sample["latestVersion"]);
        Assert.Equal("示例：等待外部确认", (string?)sample["name"]!["zh-CN"]);
        Assert.Equal("Sample: wait for an outside confirmation", (string?)sample["name"]!["en"]);
        Assert.Equal("示例", (string?)sample["category"]);
        Assert.False((bool?)sample["hasDraft"]);
        Assert.NotNull(sample["publishedAt"]);
    }

    [Fact]
    public async Task Definition_and_its_versions_can_be_read()
    {
        var latest = await _client.GetJsonAsync($"/api/definitions/{SampleId}");
        Assert.Equal(1, (int?)latest["info"]!["version"]);
        Assert.True((bool?)latest["info"]!["isPublished"]);
        Assert.Equal(SampleId, (string?)latest["definition"]!["id"]);
        Assert.Contains(latest["definition"]!["activities"].Items(), a => (string?)a["id"] == "waitConfirmation");

        var versions = await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions");
        Assert.Equal([1], versions.Items().Select(v => (int)v["version"]!));

        var v1 = await _client.GetJsonAsync($"/api/definitions/{SampleId}/versions/1");
        Assert.Equal(1, (int?)v1["info"]!["version"]);
    }

    public static TheoryData<string, string, string[]> PrimitiveActivities() => new()
    {
        { "Start", "开始", ["Done"] },
        { "End", "结束", [] },
        { "Decision", "条件判断", ["True", "False"] },
        { "Switch", "多路分支", ["Default"] },
        { "Fork", "并行分支", [] },
        { "Join", "汇聚", ["Done"] },
        { "SetVariable", "设置变量", ["Done"] },
        { "Delay", "延时", ["Done"] },
        { "WaitForSignal", "等待信号", ["Done"] },
    };

    [Theory]
    [MemberData(nameof(PrimitiveActivities))]
    public async Task Activities_describe_every_primitive_with_its_chinese_name_and_outcomes(string type, string nameZh, string[] outcomes)
    {
        var activities = await _client.GetJsonAsync("/api/activities");

        var activity = activities.Items().Single(a => (string?)a["typeName"] == type);
        Assert.Equal(nameZh, (string?)activity["name"]!["zh-CN"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)activity["name"]!["en"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)activity["category"]!["zh-CN"]));
        Assert.Equal(outcomes, activity["outcomes"].Items().Select(o => (string)o["name"]!));
        Assert.All(activity["outcomes"].Items(), o => Assert.False(string.IsNullOrWhiteSpace((string?)o["label"]!["zh-CN"])));
    }

    [Fact]
    public async Task Fork_and_Switch_take_further_outcomes_from_an_input()
    {
        var activities = await _client.GetJsonAsync("/api/activities");

        Assert.Equal("branches", (string?)activities.Items().Single(a => (string?)a["typeName"] == "Fork")["outcomesFromInput"]);
        Assert.Equal("cases", (string?)activities.Items().Single(a => (string?)a["typeName"] == "Switch")["outcomesFromInput"]);
        var wait = activities.Items().Single(a => (string?)a["typeName"] == "WaitForSignal");
        Assert.Equal(["signal", "correlationKey", "resultVariable"], wait["inputs"].Items().Select(i => (string)i["name"]!));
        Assert.True((bool?)wait["inputs"]![0]!["required"]);
        Assert.Null(wait["clrType"]);
    }
}
