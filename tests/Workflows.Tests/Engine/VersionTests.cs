using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class VersionTests
{
    [Fact]
    public async Task Running_instances_stay_on_their_version_and_new_starts_take_the_latest()
    {
        await using var h = await EngineHarness.CreateAsync();
        var v1 = SuspendResumeTests.SignalFlow("pinned");
        Assert.Equal(1, await h.PublishAsync(v1));
        var old = await h.Runtime.StartAsync("pinned", new JsonObject { ["key"] = "old" }, null);

        var v2 = WorkflowJson.Clone(v1);
        v2.FindActivity("end")!.Inputs["result"] = "FromV2";
        Assert.Equal(2, await h.PublishAsync(v2));
        var fresh = await h.Runtime.StartAsync("pinned", new JsonObject { ["key"] = "new" }, null);
        Assert.Equal((1, 2), (old.DefinitionVersion, fresh.DefinitionVersion));

        await h.Runtime.SignalAsync("go", "old", null, null);
        await h.Runtime.SignalAsync("go", "new", null, null);
        Assert.Equal("Done", (await h.GetAsync(old.Id)).Instance.Result);
        Assert.Equal("FromV2", (await h.GetAsync(fresh.Id)).Instance.Result);
    }

    [Fact]
    public async Task Publishing_moves_the_draft_to_a_new_immutable_version()
    {
        await using var h = await EngineHarness.CreateAsync();
        var d = SuspendResumeTests.SignalFlow("versions");
        await h.PublishAsync(d);
        d.Name = new("改过的名称", "Renamed");
        await h.Definitions.SaveDraftAsync(d, "admin");
        var versions = await h.Definitions.VersionsAsync("versions");
        Assert.Equal([0, 1], versions.Select(v => v.Version));
        Assert.Equal("测试流程 versions", (await h.Definitions.GetAsync("versions"))!.Definition.Name.ZhCN);

        var published = await h.Definitions.PublishAsync("versions", "admin");
        Assert.Equal(2, published.Info.Version);
        Assert.Equal([2, 1], (await h.Definitions.VersionsAsync("versions")).Select(v => v.Version));
        Assert.Equal("测试流程 versions", (await h.Definitions.GetAsync("versions", 1))!.Definition.Name.ZhCN);
        var noDraft = await Assert.ThrowsAsync<ApprovalException>(() => h.Definitions.PublishAsync("versions", "admin"));
        Assert.Equal(ErrorKind.NotFound, noDraft.Kind);
    }

    [Fact]
    public async Task An_invalid_draft_is_kept_but_cannot_be_published()
    {
        await using var h = await EngineHarness.CreateAsync();
        var d = SuspendResumeTests.SignalFlow("keeps-draft");
        d.Connections.Add(new Connection("wait", "Done", "nowhere"));
        var saved = await h.Definitions.SaveDraftAsync(d, "admin");
        Assert.Contains(saved.Problems, p => p.Code == "dangling-connection");
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Definitions.PublishAsync("keeps-draft", "admin"));
        Assert.Contains(e.Problems, p => p.Code == "dangling-connection" && p.ActivityId == "wait");
        Assert.NotNull(await h.Definitions.GetAsync("keeps-draft", 0));
        Assert.Null(await h.Definitions.GetAsync("keeps-draft"));
    }
}
