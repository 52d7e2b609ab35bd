using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Tests.Designer;

/// <summary>The comparison the version history shows.</summary>
public sealed class DefinitionDiffTests
{
    private static WorkflowDefinition Sample() => WorkflowJson.Parse(File.ReadAllText(Path.Combine(HostFolder.RepositoryWorkflows, "sample-external-confirmation.json")));

    [Fact]
    public void The_same_definition_has_no_differences()
    {
        var diff = DefinitionDiff.Compare(Sample(), Sample());
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Lists_added_removed_and_changed_activities_connections_fields_and_variables()
    {
        var before = Sample();
        var after = Sample();
        var removed = after.Activities.First(a => a.Type == "WaitForSignal");
        after.Activities.Remove(removed);
        after.Connections.RemoveAll(c => c.Source == removed.Id || c.Target == removed.Id);
        after.Activities.Add(new ActivityNode { Id = "pause", Type = "Delay", DisplayName = new("暂停", "Pause"), Inputs = new JsonObject { ["duration"] = "PT1H" } });
        after.Connections.Add(new Connection("start", "Done", "pause"));
        var end = after.Activities.First(a => a.Type == "End");
        end.Inputs["result"] = "Done!";
        end.Position = new(1, 2);
        after.Name = new("新名称", "New name");
        after.StartForm[0].Required = false;
        after.StartForm.Add(new FormField { Key = "note", Label = new("备注", "Note") });
        after.Variables.Add(new VariableDefinition { Name = "x", Type = "number" });

        var diff = DefinitionDiff.Compare(before, after);

        Assert.Contains(diff.Activities, l => l.Kind == DiffKind.Added && l.ActivityId == "pause");
        Assert.Contains(diff.Activities, l => l.Kind == DiffKind.Removed && l.ActivityId == removed.Id);
        var changed = Assert.Single(diff.Activities, l => l.Kind == DiffKind.Changed);
        Assert.Equal(end.Id, changed.ActivityId);
        Assert.Contains("result", changed.Text.En);
        Assert.Contains("Done!", changed.Text.ZhCN);
        Assert.Contains(diff.Connections, l => l.Kind == DiffKind.Added && l.Text.En.Contains("start —Done→ pause"));
        Assert.Contains(diff.Connections, l => l.Kind == DiffKind.Removed);
        Assert.Contains(diff.FormFields, l => l.Kind == DiffKind.Added && l.Text.En.Contains("note"));
        Assert.Contains(diff.FormFields, l => l.Kind == DiffKind.Changed && l.Text.En.Contains("required"));
        Assert.Contains(diff.Variables, l => l.Kind == DiffKind.Added);
        Assert.Contains(diff.Flow, l => l.Text.En.Contains("New name"));
    }

    [Fact]
    public void A_move_alone_is_reported_as_a_move()
    {
        var before = Sample();
        var after = Sample();
        after.Activities[0].Position = new(999, 999);
        var line = Assert.Single(DefinitionDiff.Compare(before, after).All);
        Assert.Equal(DiffKind.Moved, line.Kind);
    }

    [Fact]
    public void Reordering_form_fields_is_reported()
    {
        var before = Sample();
        var after = Sample();
        after.StartForm.Reverse();
        Assert.Contains(DefinitionDiff.Compare(before, after).FormFields, l => l.Text.En.Contains("reordered"));
    }
}
