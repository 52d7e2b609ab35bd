using System.Text.Json.Nodes;
using Approvals.Host.Components.Designer;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Tests.Designer;

/// <summary>The working copy: every edit undoable, nothing changes the JSON unless edited, connections never lost.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerStateTests(DesignerHarness harness)
{
    private static WorkflowDefinition Sample() => WorkflowJson.Parse(File.ReadAllText(Path.Combine(HostFolder.RepositoryWorkflows, "sample-external-confirmation.json")));

    [Fact]
    public void An_untouched_flow_serializes_to_the_bytes_it_was_loaded_from()
    {
        foreach (var file in Directory.GetFiles(HostFolder.RepositoryWorkflows, "*.json"))
        {
            var text = File.ReadAllText(file);
            var state = harness.State(WorkflowJson.Parse(text));
            Assert.Equal(text, state.Json);
            Assert.False(state.IsDirty);
            // Selecting, validating, copying and an edit that changes nothing leave no trace.
            state.Select(state.Definition.Activities.Select(a => a.Id));
            state.Validate();
            state.Copy();
            Assert.False(state.Edit("nothing", _ => { }));
            Assert.False(state.CanUndo);
            Assert.Equal(text, WorkflowJson.Serialize(state.Definition));
        }
    }

    [Fact]
    public void Every_edit_can_be_undone_and_redone()
    {
        var state = harness.State(Sample());
        var original = state.Json;
        var added = state.AddActivity("Delay", 300, 400)!;
        Assert.Equal("delay1", added.Id);
        state.SetInput(added.Id, "duration", JsonValue.Create("PT2H"));
        state.Connect("start", "Done", added.Id);
        state.SetDisplayName(added.Id, "等两小时", "Wait two hours");
        state.Move(new Dictionary<string, NodePosition> { [added.Id] = new(500, 420) });
        var edited = state.Json;
        Assert.True(state.IsDirty);

        for (var i = 0; i < 5; i++) Assert.True(state.Undo());
        Assert.Equal(original, state.Json);
        Assert.False(state.IsDirty);
        Assert.False(state.CanUndo);

        for (var i = 0; i < 5; i++) Assert.True(state.Redo());
        Assert.Equal(edited, state.Json);
        Assert.False(state.CanRedo);
        Assert.Equal(new NodePosition(500, 420), state.Definition.FindActivity("delay1")!.Position);
    }

    [Fact]
    public void A_new_edit_after_undo_drops_the_redo_history()
    {
        var state = harness.State(Sample());
        state.AddActivity("Delay", 0, 0);
        state.Undo();
        Assert.True(state.CanRedo);
        state.AddActivity("Join", 0, 0);
        Assert.False(state.CanRedo);
    }

    [Fact]
    public void Deleting_activities_removes_their_connections_in_one_step()
    {
        var state = harness.State(Sample());
        var before = state.Definition.Connections.Count;
        var touching = state.Definition.Connections.Count(c => c.Source == "waitConfirmation" || c.Target == "waitConfirmation");
        state.Select("waitConfirmation");
        Assert.True(state.DeleteSelection());
        Assert.Null(state.Definition.FindActivity("waitConfirmation"));
        Assert.Equal(before - touching, state.Definition.Connections.Count);
        Assert.Empty(state.Selection);
        state.Undo();
        Assert.Equal(before, state.Definition.Connections.Count);
    }

    [Fact]
    public void Renaming_an_activity_keeps_its_connections()
    {
        var state = harness.State(Sample());
        var count = state.Definition.Connections.Count(c => c.Source == "waitConfirmation" || c.Target == "waitConfirmation");
        Assert.Null(state.RenameActivity("waitConfirmation", "waitForIt"));
        Assert.Equal(count, state.Definition.Connections.Count(c => c.Source == "waitForIt" || c.Target == "waitForIt"));
        Assert.Empty(state.Problems.Where(p => p.Code == "dangling-connection"));
        Assert.NotNull(state.RenameActivity("waitForIt", "start"));
        Assert.NotNull(state.RenameActivity("waitForIt", " "));
    }

    [Fact]
    public void Connections_to_unknown_outcomes_stay_visible_as_ports()
    {
        var state = harness.State(Sample());
        var source = state.Definition.Activities.First(a => a.Type == "WaitForSignal");
        state.Edit("stray", d => d.Connections.Add(new Connection(source.Id, "Nope", "start")));
        var ports = state.OutcomesOf(source);
        Assert.Contains(ports, p => p.Name == "Nope" && !p.Known);
        Assert.Contains(state.Problems, p => p.Code == "unknown-outcome" && p.ActivityId == source.Id);
    }

    [Fact]
    public void Switch_cases_and_fork_branches_are_ports()
    {
        var state = harness.State(FlowTemplates.Empty("ports", "端口", "Ports", ""));
        var sw = state.AddActivity("Switch", 0, 0)!;
        state.SetInput(sw.Id, "cases", JsonNode.Parse("""[{"outcome":"Long","condition":{"js":"input.days > 3"}},{"outcome":"Short","condition":{"js":"true"}}]"""));
        Assert.Equal(["Default", "Long", "Short"], state.OutcomesOf(state.Definition.FindActivity(sw.Id)!).Select(p => p.Name));
        var fork = state.AddActivity("Fork", 0, 0)!;
        state.SetInput(fork.Id, "branches", JsonNode.Parse("""["A","B","C"]"""));
        Assert.Equal(["A", "B", "C"], state.OutcomesOf(state.Definition.FindActivity(fork.Id)!).Select(p => p.Name));
    }

    [Fact]
    public void Copy_and_paste_gives_new_ids_and_keeps_inner_connections()
    {
        var state = harness.State(Sample());
        var ids = state.Definition.Activities.Where(a => a.Type != "Start").Select(a => a.Id).ToList();
        var inner = state.Definition.Connections.Count(c => ids.Contains(c.Source) && ids.Contains(c.Target));
        state.Select(ids);
        var clip = state.Copy();
        var pasted = state.Paste(clip);
        Assert.Equal(ids.Count, pasted.Count);
        Assert.Empty(pasted.Intersect(ids));
        Assert.Equal(inner, state.Definition.Connections.Count(c => pasted.Contains(c.Source) && pasted.Contains(c.Target)));
        Assert.Equal(pasted.OrderBy(x => x), state.Selection.OrderBy(x => x));
        // A Start is never pasted twice.
        state.Select("start");
        Assert.Empty(state.Paste(state.Copy()));
        Assert.Empty(state.Paste("not json"));
    }

    [Fact]
    public void New_activities_start_with_the_defaults_of_their_required_inputs()
    {
        var state = harness.State(FlowTemplates.Empty("defaults", "默认", "Defaults", ""));
        var task = state.AddActivity("UserTask", 0, 0)!;
        Assert.Equal("""{"strategy":"initiatorChief"}""", task.Inputs["assignment"]!.ToJsonString());
        var fork = state.AddActivity("Fork", 0, 0)!;
        Assert.Equal(["Branch1", "Branch2"], state.OutcomesOf(fork).Select(p => p.Name));
        Assert.DoesNotContain(state.Problems, p => p.Code == "missing-input" && (p.ActivityId == task.Id || p.ActivityId == fork.Id));
        // Optional inputs stay unset, so the JSON holds only what was chosen.
        Assert.False(task.Inputs.ContainsKey("mode"));
    }

    [Fact]
    public void Connect_refuses_duplicates_and_connections_into_start()
    {
        var state = harness.State(FlowTemplates.Empty("c", "连线", "Connect", ""));
        Assert.False(state.Connect("start", "Done", "end"));
        Assert.False(state.Connect("end", "Done", "start"));
        Assert.False(state.Connect("start", "Done", "missing"));
    }

    [Fact]
    public void A_new_empty_flow_is_valid()
    {
        var state = harness.State(FlowTemplates.Empty("new-flow", "新流程", "New flow", "测试"));
        Assert.Empty(state.Problems);
        Assert.NotNull(FlowTemplates.CheckId("Bad Id"));
        Assert.Null(FlowTemplates.CheckId("good-id-2"));
    }

    [Fact]
    public void Auto_layout_puts_activities_in_columns_by_distance_from_start()
    {
        var state = harness.State(LargeFlow.Build(20));
        Assert.True(state.AutoLayout());
        var d = state.Definition;
        Assert.Equal(AutoLayout.Left, d.FindActivity("start")!.Position.X);
        Assert.True(d.FindActivity("a1")!.Position.X > d.FindActivity("start")!.Position.X);
        Assert.True(d.FindActivity("a2")!.Position.X > d.FindActivity("a1")!.Position.X);
        Assert.Equal(d.Activities.Count, d.Activities.Select(a => a.Position).Distinct().Count());
        Assert.True(state.Undo());
    }

    [Fact]
    public void Restoring_an_old_version_is_one_undoable_step()
    {
        var old = Sample();
        var state = harness.State(WorkflowJson.Clone(old));
        state.AddActivity("Delay", 0, 0);
        state.EditFlow("name", d => d.Name = new("改名", "Renamed"));
        Assert.True(state.RestoreFrom(old));
        Assert.Equal(WorkflowJson.Serialize(old), state.Json);
        state.Undo();
        Assert.Equal("改名", state.Definition.Name.ZhCN);
    }

    [Fact]
    public void A_read_only_state_refuses_every_edit()
    {
        var state = harness.State(Sample(), readOnly: true);
        Assert.Null(state.AddActivity("Delay", 0, 0));
        Assert.False(state.Edit("x", d => d.Name = new("x", "x")));
        Assert.False(state.CanUndo);
    }

    [Fact]
    public void The_large_flow_generator_builds_a_valid_flow()
    {
        var d = LargeFlow.Build(150);
        Assert.Equal(150, d.Activities.Count);
        Assert.Empty(harness.Definitions.Validate(d));
        var text = WorkflowJson.Serialize(d);
        Assert.Equal(text, WorkflowJson.Serialize(WorkflowJson.Parse(text)));
    }
}
