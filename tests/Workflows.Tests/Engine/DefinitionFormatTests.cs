using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Engine;

public sealed class DefinitionFormatTests
{
    public static TheoryData<string> WorkflowFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoWorkflows(), "*.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_shipped_flow_saves_back_to_the_same_bytes(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoWorkflows(), file));
        Assert.Equal(text, WorkflowJson.Serialize(WorkflowJson.Parse(text, file)));
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Every_shipped_flow_is_valid(string file)
    {
        await using var h = await EngineHarness.CreateAsync();
        var d = WorkflowJson.Parse(File.ReadAllText(Path.Combine(RepoWorkflows(), file)), file);
        Assert.Empty(h.Definitions.Validate(d));
    }

    [Theory]
    [InlineData("{ \"id\": ", "line")]
    [InlineData("[]", "JSON")]
    [InlineData("{ \"id\": \"x\", \"colour\": 1 }", "colour")]
    [InlineData("{ \"id\": \"x\", \"startForm\": [ { \"key\": \"a\", \"type\": \"hologram\" } ] }", "startForm")]
    public void Unreadable_text_gives_a_message_in_both_languages_that_says_where(string json, string mentions)
    {
        var e = Assert.Throws<WorkflowFormatException>(() => WorkflowJson.Parse(json, "x.json"));
        Assert.Contains(mentions, e.Text.En);
        Assert.Contains("流程定义", e.Text.ZhCN);
        Assert.Equal("x.json", e.SourceName);
    }

    internal static string RepoWorkflows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln"))) return Path.Combine(dir.FullName, "workflows");
        throw new InvalidOperationException("repository root not found");
    }
}
