using TestContext = Xunit.TestContext;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Host.Components.Designer;
using Approvals.Host.Components.Pages.Admin;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Designer;

/// <summary>The admin pages as an administrator uses them: load, save, publish, versions, import, export, instances.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerPageTests(DesignerHarness harness) : IAsyncDisposable
{
    private readonly BunitContext _ctx = harness.NewContext();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await _ctx.DisposeAsync();
    }

    private static string SampleText() => File.ReadAllText(Path.Combine(HostFolder.RepositoryWorkflows, "sample-external-confirmation.json"));

    /// <summary>Imports the sample under a fresh id and returns the exact text imported.</summary>
    private async Task<(string Id, string Text)> ImportSampleAsync()
    {
        var id = "designer-" + Guid.NewGuid().ToString("N")[..8];
        var text = SampleText().Replace("\"id\": \"sample-external-confirmation\"", $"\"id\": \"{id}\"");
        await harness.Definitions.ImportAsync(text, "admin");
        return (id, text);
    }

    private IRenderedComponent<FlowDesigner> OpenDesigner(string id)
    {
        var cut = DesignerHarness.RenderWithMud<FlowDesigner>(_ctx, p => p.Add(x => x.FlowId, id).Add(x => x.UserId, "admin"));
        cut.WaitForState(() => cut.Instance.State is not null && cut.Instance.Canvas?.Binding is not null, TimeSpan.FromSeconds(10));
        return cut;
    }

    [Fact]
    public async Task Load_then_save_without_edits_stores_the_imported_bytes_and_export_gives_them_back()
    {
        var (id, text) = await ImportSampleAsync();
        var cut = OpenDesigner(id);
        Assert.Equal(text, cut.Instance.State!.Json);

        cut.Find("#designer-save").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Instance.State!.IsDirty));
        var stored = await harness.Definitions.GetAsync(id, 0);
        Assert.Equal(text, stored!.Json);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), WorkflowJson.ToUtf8(cut.Instance.State!.Definition));

        // The designer's export hands the browser exactly those bytes.
        cut.Find("#designer-export").Click();
        var download = _ctx.JSInterop.Invocations.Last(i => i.Identifier == "approvalsDesigner.download");
        Assert.Equal($"{id}.json", download.Arguments[0]);
    }

    [Fact]
    public async Task A_draft_saved_by_someone_else_meanwhile_stops_the_save_until_the_admin_overwrites_it_knowingly()
    {
        var (id, _) = await ImportSampleAsync();
        var cut = OpenDesigner(id);
        var state = cut.Instance.State!;
        var other = WorkflowJson.Clone(state.Definition);
        other.Description = new("另一位管理员的说明", "the other admin's note");
        await harness.Definitions.SaveDraftAsync(other, "admin2", TestContext.Current.CancellationToken);
        await cut.InvokeAsync(() => state.Edit("describe", d => d.Description = new("我的说明", "my note")));

        var dialogs = DesignerHarness.Dialogs(_ctx);
        cut.Find("#designer-save").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#draft-conflict-overwrite")));
        Assert.True(state.IsDirty);
        Assert.Contains("另一位管理员的说明", (await harness.Definitions.GetAsync(id, 0, TestContext.Current.CancellationToken))!.Json);

        dialogs.Find("#draft-conflict-overwrite").Click();
        cut.WaitForAssertion(() => Assert.False(state.IsDirty));
        Assert.Contains("我的说明", (await harness.Definitions.GetAsync(id, 0, TestContext.Current.CancellationToken))!.Json);
    }

    [Fact]
    public async Task Saving_keeps_an_invalid_draft_and_publish_refuses_it_with_the_problems_marked()
    {
        var (id, _) = await ImportSampleAsync();
        var cut = OpenDesigner(id);
        var state = cut.Instance.State!;
        var wait = state.Definition.Activities.First(a => a.Type == "WaitForSignal");
        await cut.InvokeAsync(() => state.Edit("dangling", d => d.Connections.Add(new Connection(wait.Id, "Done", "ghost"))));

        cut.Find("#designer-save").Click();
        cut.WaitForAssertion(() => Assert.False(state.IsDirty));
        Assert.Contains("ghost", (await harness.Definitions.GetAsync(id, 0))!.Json);

        cut.Find("#designer-publish").Click();
        cut.WaitForAssertion(() => Assert.Equal(FlowDesigner.ProblemsTab, cut.Instance.ActiveTab));
        Assert.Null(await harness.Definitions.LatestVersionAsync(id));
        Assert.NotNull(cut.Find("#designer-problem-count"));
        Assert.Contains("wf-node-invalid", cut.Find($"#node-{wait.Id}").ClassName);
        var problem = cut.FindAll(".wf-problem").First(e => e.GetAttribute("data-code") == "dangling-connection");
        problem.Click();
        Assert.Equal([wait.Id], state.Selection);
    }

    [Fact]
    public async Task Publish_makes_a_new_version_and_says_running_cases_stay_on_theirs()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (id, text) = await ImportSampleAsync();
        await harness.Definitions.PublishAsync(id, "admin");
        var running = await harness.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(id, new JsonObject { ["docNo"] = "X-1" }, "zhangwei");
        Assert.Equal(InstanceStatus.Suspended, running.Status);

        var cut = OpenDesigner(id);
        await cut.InvokeAsync(() => cut.Instance.State!.EditFlow("name", d => d.Name = new("新名称", "New name")));
        cut.Find("#designer-publish").Click();
        cut.WaitForAssertion(() => Assert.Contains("version 2", cut.Find("#publish-result").TextContent));
        Assert.Contains("1 running instance", cut.Find("#publish-result").TextContent);
        Assert.Equal(2, await harness.Definitions.LatestVersionAsync(id));
        Assert.Equal(1, (await harness.Services.GetRequiredService<IWorkflowRuntime>().GetAsync(running.Id))!.Instance.DefinitionVersion);

        // Version history: compare v1 with the working copy, then restore v1 as the draft.
        await cut.InvokeAsync(() => cut.Instance.CompareAsync(1));
        cut.WaitForAssertion(() => Assert.Contains("New name", cut.Find("#designer-diff").TextContent));
        await cut.InvokeAsync(() => cut.Instance.ViewAsync(1));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#version-view-banner")));
        Assert.True(cut.Instance.Shown.ReadOnly);
        cut.Find("#version-view-restore").Click();
        cut.WaitForAssertion(() => Assert.Equal("示例：等待外部确认", cut.Instance.State!.Definition.Name.ZhCN));
        var draft = await harness.Definitions.GetAsync(id, 0);
        Assert.NotNull(draft);
        Assert.Equal(WorkflowJson.Parse(text).Name, draft.Definition.Name);
    }

    [Fact]
    public async Task A_new_flow_from_the_template_opens_valid_and_publishes()
    {
        var id = "new-" + Guid.NewGuid().ToString("N")[..8];
        await harness.Definitions.SaveDraftAsync(FlowTemplates.Empty(id, "新流程", "New flow", "测试"), "admin");
        var cut = OpenDesigner(id);
        Assert.Empty(cut.Instance.State!.Problems);
        Assert.Equal(2, cut.FindAll(".wf-node").Count);
        cut.Find("#toolbox-item-UserTask").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".wf-node").Count));
        Assert.Equal("userTask1", cut.Instance.State!.SelectedActivity!.Id);
        Assert.NotNull(cut.Find("#prop-input-assignment"));
    }

    [Fact]
    public async Task The_flows_page_imports_reports_bad_json_and_exports_the_stored_bytes()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var cut = DesignerHarness.RenderWithMud<Flows>(_ctx);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#admin-flows")));
        cut.Find("#flow-import-open").Click();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{ \"id\": \"x\", \"activities\": [ }", "broken.json"));
        cut.WaitForAssertion(() => Assert.Contains("cannot import 'broken.json'", cut.Find("#flow-form-error").TextContent));
        Assert.Contains("line", cut.Find("#flow-form-error").TextContent);

        var id = "imported-" + Guid.NewGuid().ToString("N")[..8];
        var text = SampleText().Replace("\"id\": \"sample-external-confirmation\"", $"\"id\": \"{id}\"");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, "good.json"));
        cut.WaitForAssertion(() => Assert.Contains($"draft of {id}", cut.Find("#flows-message").TextContent));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"#flow-{id}")));

        cut.Find($"#flow-{id}-export").Click();
        cut.WaitForAssertion(() => Assert.Contains(_ctx.JSInterop.Invocations, i => i.Identifier == "approvalsDesigner.download" && (string?)i.Arguments[0] == $"{id}.draft.json"));
        Assert.Equal(text, (await harness.Definitions.GetAsync(id, 0))!.Json);

        // 删除草稿 asks first: 取消 keeps the draft, 删除 removes it.
        var dialogs = DesignerHarness.Dialogs(_ctx);
        cut.Find($"#flow-{id}-delete-draft").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"draft of {id}", dialogs.Find("#delete-draft-text").TextContent));
        dialogs.Find("#delete-draft-cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#delete-draft-text")));
        Assert.NotNull(await harness.Definitions.GetAsync(id, 0, TestContext.Current.CancellationToken));
        Assert.NotNull(cut.Find($"#flow-{id}"));

        cut.Find($"#flow-{id}-delete-draft").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#delete-draft-confirm").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"#flow-{id}")));
        Assert.Null(await harness.Definitions.GetAsync(id, 0, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Admin_pages_tell_others_that_only_administrators_may_use_them()
    {
        await using var ctx = harness.NewContext(user: "zhangwei");
        var cut = DesignerHarness.RenderWithMud<Flows>(ctx);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#admin-only")));
        Assert.Empty(cut.FindAll("#flows-table"));
    }

    [Fact]
    public async Task The_instance_viewer_shows_the_path_the_journal_and_cancels_as_the_admin()
    {
        var (id, _) = await ImportSampleAsync();
        await harness.Definitions.PublishAsync(id, "admin");
        var runtime = harness.Services.GetRequiredService<IWorkflowRuntime>();
        var instance = await runtime.StartAsync(id, new JsonObject { ["docNo"] = "X-2" }, "zhangwei");

        var cut = DesignerHarness.RenderWithMud<InstanceViewer>(_ctx, p => p.Add(x => x.Id, instance.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#instance-canvas .wf-node")), TimeSpan.FromSeconds(10));
        Assert.Contains("wf-node-done", cut.Find("#node-start").ClassName);
        var waiting = (await runtime.GetAsync(instance.Id))!.Bookmarks.Single().ActivityId;
        Assert.Contains("wf-node-current", cut.Find($"#node-{waiting}").ClassName);
        Assert.NotEmpty(cut.FindAll("#instance-journal tr"));
        Assert.NotNull(cut.Find("#instance-bookmarks"));

        // 取消实例 asks first and cannot be confirmed without a reason; 返回 leaves the case running.
        var dialogs = DesignerHarness.Dialogs(_ctx);
        cut.Find("#instance-cancel").Click();
        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("#instance-cancel-confirm").HasAttribute("disabled")));
        dialogs.Find("#instance-cancel-back").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#instance-cancel-confirm")));
        Assert.NotEqual(InstanceStatus.Cancelled, (await runtime.GetAsync(instance.Id, TestContext.Current.CancellationToken))!.Instance.Status);

        cut.Find("#instance-cancel").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#instance-cancel-reason").Input("test over"));
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#instance-cancel-confirm").HasAttribute("disabled")));
        dialogs.Find("#instance-cancel-confirm").Click();
        cut.WaitForAssertion(() => Assert.Equal(InstanceStatus.Cancelled.ToString(), cut.Find("#instance-viewer").GetAttribute("data-status")));
        var journal = (await runtime.GetAsync(instance.Id))!.Journal;
        Assert.Contains(journal, j => j.Kind == JournalKind.InstanceCancelled && j.UserId == "admin" && j.Message == "test over");
        cut.WaitForAssertion(() => Assert.Contains("test over", cut.Find("#instance-journal").TextContent));
    }

    /// <summary>
    /// Opens a 150-activity flow in the designer component and reports how long the first render took
    /// (bUnit, server side only: no browser, no layout, no JavaScript). Not a timed test: it asserts that
    /// every activity and connection is on the canvas and writes the time to the test output.
    /// </summary>
    [Fact]
    public async Task A_150_activity_flow_opens_with_every_activity_on_the_canvas()
    {
        // The same flow as a file for measuring in a browser (docs/designer.md, "Measuring").
        LargeFlow.Write(Path.Combine(AppContext.BaseDirectory, "large-flow-150.json"), 150);
        var flow = LargeFlow.Build(150, "large-" + Guid.NewGuid().ToString("N")[..8]);
        await harness.Definitions.SaveDraftAsync(flow, "admin");
        OpenDesigner(flow.Id).Dispose();  // warm-up (JIT), not measured

        var clock = Stopwatch.StartNew();
        var cut = OpenDesigner(flow.Id);
        var first = clock.Elapsed;
        var binding = cut.Instance.Canvas!.Binding!;
        Assert.Equal(150, binding.NodeCount);
        Assert.Equal(flow.Connections.Count, binding.LinkCount);
        Assert.Empty(cut.Instance.State!.Problems);

        clock.Restart();
        await cut.InvokeAsync(() => cut.Instance.State!.AddActivity("Delay", 0, 0));
        cut.WaitForAssertion(() => Assert.Equal(151, binding.NodeCount));
        var edit = clock.Elapsed;
        clock.Restart();
        await cut.InvokeAsync(() => cut.Instance.State!.Undo());
        cut.WaitForAssertion(() => Assert.Equal(150, binding.NodeCount));
        var undo = clock.Elapsed;
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine(
            $"bUnit (no browser): 150-activity flow first render {first.TotalMilliseconds:F0} ms; add an activity {edit.TotalMilliseconds:F0} ms; undo {undo.TotalMilliseconds:F0} ms");
        Console.WriteLine($"[designer-measure] first render {first.TotalMilliseconds:F0} ms, edit {edit.TotalMilliseconds:F0} ms, undo {undo.TotalMilliseconds:F0} ms");
    }
}
