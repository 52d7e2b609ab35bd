using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Host.Components.Designer;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Designer;

/// <summary>The designer's parts rendered with bUnit (the diagram's JavaScript answered by the harness).</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerComponentTests(DesignerHarness harness) : IAsyncDisposable
{
    private readonly BunitContext _ctx = harness.NewContext();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        await _ctx.DisposeAsync();
    }

    private static WorkflowDefinition Sample() => WorkflowJson.Parse(File.ReadAllText(Path.Combine(HostFolder.RepositoryWorkflows, "sample-external-confirmation.json")));

    private IRenderedComponent<T> Render<T>(DesignerState state, Action<ComponentParameterCollectionBuilder<T>>? more = null) where T : IComponent
    {
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var org = OrgLists.LoadAsync(harness.Services.GetRequiredService<Approvals.Workflows.Organization.IOrganization>()).GetAwaiter().GetResult();
        var host = _ctx.Render<CascadingValue<DesignerState>>(p => p
            .Add(x => x.Value, state)
            .AddChildContent<CascadingValue<OrgLists>>(o => o
                .Add(x => x.Value, org)
                .AddChildContent<T>(c =>
                {
                    if (typeof(T).GetProperty("State") is not null) c.TryAdd("State", state);
                    more?.Invoke(c);
                })));
        return host.FindComponent<T>();
    }

    [Fact]
    public void The_toolbox_lists_every_descriptor_grouped_by_category_and_searches()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        string? clicked = null;
        var cut = DesignerHarness.RenderWithMud<Toolbox>(_ctx, p => p
            .Add(x => x.Descriptors, harness.Registry.Descriptors)
            .Add(x => x.Clicked, (string t) => clicked = t));
        foreach (var d in harness.Registry.Descriptors)
        {
            var item = cut.Find($"#toolbox-item-{d.TypeName}");
            Assert.Contains(d.Name.ZhCN, item.TextContent);
            Assert.Equal("true", item.GetAttribute("draggable"));
            Assert.NotNull(item.QuerySelector("svg"));
        }
        Assert.Equal(harness.Registry.Descriptors.Select(d => d.Category.En).Distinct().Count(), cut.FindAll(".wf-toolbox-group").Count);

        cut.Find("#toolbox-item-Decision").Click();
        Assert.Equal("Decision", clicked);

        cut.Find("#toolbox-search").Input("审批/办理");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wf-toolbox-item")));
        Assert.NotNull(cut.Find("#toolbox-item-UserTask"));
        cut.Find("#toolbox-search").Input("signal");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#toolbox-item-WaitForSignal")));
        Assert.DoesNotContain(cut.FindAll(".wf-toolbox-item"), e => e.Id == "toolbox-item-UserTask");
    }

    [Fact]
    public void The_property_panel_renders_an_editor_for_every_editor_kind()
    {
        var d = FlowTemplates.Empty("editors", "编辑器", "Editors", "");
        d.StartForm.Add(new FormField { Key = "days", Label = new("天数", "Days"), Type = FormFieldType.Number });
        d.StartForm.Add(new FormField { Key = "reason", Label = new("事由", "Reason") });
        var state = harness.State(d);
        var node = state.AddActivity("EveryEditor", 100, 100)!;
        var descriptor = harness.Registry.Find("EveryEditor")!;
        Assert.Equal(EveryEditorActivity.Editors.Order(), descriptor.Inputs.Select(i => i.Editor).Order());

        var cut = Render<PropertyPanel>(state);

        Assert.Equal(node.Id, cut.Find("#prop-id").GetAttribute("value"));
        Assert.NotNull(cut.Find("#prop-name-zh"));
        Assert.NotNull(cut.Find("#prop-name-en"));
        foreach (var input in descriptor.Inputs)
        {
            var box = cut.Find($"#prop-input-{input.Name}");
            Assert.Equal(input.Editor, box.GetAttribute("data-editor"));
            // Every input can be switched between a fixed value and an expression.
            Assert.NotNull(cut.Find($"#prop-input-{input.Name}-fx"));
            // …and renders the control of its kind (the expression kind starts as an expression).
            Assert.True(box.QuerySelector($"[data-editor='{Expected(input.Editor)}'], .mud-input-control, .mud-switch, input, textarea") is not null, input.Editor);
        }
        Assert.Equal("expression", cut.Find("#prop-input-condition").GetAttribute("data-mode"));
        Assert.NotNull(cut.Find("#prop-input-data [data-editor='json']"));
        Assert.NotNull(cut.Find("#prop-input-duration [data-editor='duration']"));
        Assert.NotNull(cut.Find("#prop-input-deadline [data-editor='deadline-rule']"));
        Assert.NotNull(cut.Find("#prop-input-permissions [data-editor='field-permissions']"));
        Assert.NotNull(cut.Find("#prop-input-assignment [data-editor='assignment']"));
        Assert.NotNull(cut.Find("#prop-input-actions [data-editor='actions']"));
        Assert.NotNull(cut.Find("#prop-input-people [data-editor='users']"));
        Assert.NotNull(cut.Find("#prop-input-section [data-editor='section']"));
        Assert.NotNull(cut.Find("#prop-input-group [data-editor='group']"));
        Assert.NotNull(cut.Find("#prop-input-position [data-editor='position']"));
        Assert.NotNull(cut.Find("#prop-input-at input[type='datetime-local']"));
        Assert.NotNull(cut.Find("#prop-input-multiline textarea"));
        // The field-permission grid has a row per start-form field.
        Assert.Equal(2, cut.FindAll("#prop-permissions tbody tr").Count);
        // The assignment editor offers the registry's strategies (initiator's chief by default).
        Assert.NotNull(cut.Find("#prop-assignment-strategy"));

        static string Expected(string editor) => editor switch
        {
            InputEditors.Cases or InputEditors.Assignments => "json",
            _ => editor,
        };
    }

    [Fact]
    public void Editing_a_text_input_writes_the_definition_and_can_be_undone()
    {
        var state = harness.State(Sample());
        var wait = state.Definition.Activities.First(a => a.Type == "WaitForSignal");
        state.Select(wait.Id);
        var cut = Render<PropertyPanel>(state);

        cut.Find("#prop-signal").Change("paid");
        Assert.Equal("paid", state.Definition.FindActivity(wait.Id)!.Inputs["signal"]!.GetValue<string>());
        cut.Find("#prop-name-zh").Change("等待付款");
        Assert.Equal("等待付款", state.Definition.FindActivity(wait.Id)!.DisplayName!.ZhCN);

        Assert.True(state.Undo());
        Assert.True(state.Undo());
        Assert.Equal(WorkflowJson.Serialize(Sample()), state.Json);
    }

    [Fact]
    public void The_expression_editor_checks_the_syntax_with_the_engine()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var state = harness.State(FlowTemplates.Empty("expr", "表达式", "Expressions", ""));
        var decision = state.AddActivity("Decision", 200, 200)!;
        var cut = Render<PropertyPanel>(state);

        cut.Find("#prop-condition").Change("input.days >");
        Assert.Equal("input.days >", ((JsonObject)state.Definition.FindActivity(decision.Id)!.Inputs["condition"]!)["js"]!.GetValue<string>());
        Assert.Contains(state.Problems, p => p.Code == "expression-syntax" && p.ActivityId == decision.Id);
        Assert.NotEmpty(cut.FindAll("#prop-input-condition .mud-input-error"));

        cut.Find("#prop-condition").Change("input.days > 3");
        Assert.DoesNotContain(state.Problems, p => p.Code == "expression-syntax");
        Assert.NotNull(cut.Find("#prop-condition-ok"));
    }

    [Fact]
    public void The_field_permission_grid_writes_only_what_differs_from_read_only()
    {
        var d = FlowTemplates.Empty("perm", "权限", "Permissions", "");
        d.StartForm.Add(new FormField { Key = "days", Label = new("天数", "Days"), Type = FormFieldType.Number });
        d.StartForm.Add(new FormField { Key = "reason", Label = new("事由", "Reason") });
        var state = harness.State(d);
        var task = state.AddActivity("UserTask", 200, 200)!;
        var cut = Render<PropertyPanel>(state);

        cut.Find("#prop-fieldPermissions-days-editable").Change(true);
        cut.Find("#prop-fieldPermissions-reason-hidden").Change(true);
        var map = (JsonObject)state.Definition.FindActivity(task.Id)!.Inputs["fieldPermissions"]!;
        Assert.Equal("editable", map["days"]!.GetValue<string>());
        Assert.Equal("hidden", map["reason"]!.GetValue<string>());
        cut.Find("#prop-fieldPermissions-days-readonly").Change(true);
        cut.Find("#prop-fieldPermissions-reason-readonly").Change(true);
        Assert.False(state.Definition.FindActivity(task.Id)!.Inputs.ContainsKey("fieldPermissions"));
    }

    [Fact]
    public void The_assignment_editor_shows_the_parameters_of_the_chosen_strategy()
    {
        var state = harness.State(FlowTemplates.Empty("assign", "分配", "Assignment", ""));
        var task = state.AddActivity("UserTask", 200, 200)!;
        state.SetInput(task.Id, "assignment", JsonNode.Parse("""{"strategy":"position","section":"office","position":"Chief"}"""));
        var cut = Render<PropertyPanel>(state);
        Assert.NotNull(cut.Find("#prop-assignment-section"));
        Assert.NotNull(cut.Find("#prop-assignment-position"));

        state.SetInput(task.Id, "assignment", JsonNode.Parse("""{"strategy":"expression","expression":{"js":"input.reviewer"}}"""));
        cut.Render();
        cut.Find("#prop-assignment-expression").Change("input.reviewer ||");
        Assert.Contains(state.Problems, p => p.Code == "expression-syntax" && p.ActivityId == task.Id);

        state.SetInput(task.Id, "assignment", JsonNode.Parse("""{"strategy":"users","users":["zhangwei"]}"""));
        cut.Render();
        Assert.NotNull(cut.Find("#prop-assignment-users"));
    }

    [Fact]
    public void The_canvas_draws_every_activity_with_labelled_outcome_ports()
    {
        var state = harness.State(Sample());
        var cut = Render<FlowCanvas>(state);
        var binding = cut.Instance.Binding!;
        Assert.Equal(state.Definition.Activities.Count, binding.NodeCount);
        Assert.Equal(state.Definition.Connections.Count, binding.LinkCount);
        cut.WaitForAssertion(() => Assert.Equal(state.Definition.Activities.Count, cut.FindAll(".wf-node").Count));
        foreach (var a in state.Definition.Activities)
        {
            var node = cut.Find($"#node-{a.Id}");
            var outcomes = state.OutcomesOf(a);
            Assert.Equal(outcomes.Count, node.QuerySelectorAll(".wf-port-out").Length);
            Assert.Equal(a.Type == "Start" ? 0 : 1, node.QuerySelectorAll(".wf-port-in").Length);
            foreach (var o in outcomes) Assert.Contains(node.QuerySelectorAll(".wf-outcome"), e => e.TextContent == o.Label.In(CultureInfo.CurrentUICulture.Name));
        }
    }

    [Fact]
    public async Task Keyboard_undo_and_redo_on_the_canvas()
    {
        var state = harness.State(Sample());
        var cut = Render<FlowCanvas>(state);
        var before = state.Definition.Activities.Count;

        state.AddActivity("Delay", 400, 400);
        cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll(".wf-node").Count));

        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "z", CtrlKey = true });
        cut.WaitForAssertion(() => Assert.Equal(before, cut.FindAll(".wf-node").Count));
        Assert.Equal(before, cut.Instance.Binding!.NodeCount);

        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "y", CtrlKey = true });
        cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll(".wf-node").Count));

        // Delete removes the selection, with its connections; Ctrl+Z brings both back.
        var connections = state.Definition.Connections.Count;
        state.Select("start");
        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "Delete" });
        Assert.Null(state.Definition.FindActivity("start"));
        Assert.True(state.Definition.Connections.Count < connections);
        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "z", CtrlKey = true });
        Assert.NotNull(state.Definition.FindActivity("start"));
        Assert.Equal(connections, state.Definition.Connections.Count);
        cut.WaitForAssertion(() => Assert.Equal(connections, cut.Instance.Binding!.LinkCount));

        // Ctrl+C / Ctrl+V pastes a copy with new ids.
        var ends = state.Definition.Activities.Where(a => a.Type == "End").Select(a => a.Id).ToList();
        state.Select(ends);
        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "c", CtrlKey = true });
        await cut.Find("#designer-canvas").KeyDownAsync(new KeyboardEventArgs { Key = "v", CtrlKey = true });
        cut.WaitForAssertion(() => Assert.Equal(before + 1 + ends.Count, cut.FindAll(".wf-node").Count));
        Assert.Empty(state.Selection.Intersect(ends));
    }

    [Fact]
    public void A_connection_drawn_on_the_canvas_becomes_a_connection_of_the_definition()
    {
        var state = harness.State(FlowTemplates.Empty("draw", "连线", "Draw", ""));
        var delay = state.AddActivity("Delay", 300, 300)!;
        var cut = Render<FlowCanvas>(state);
        var binding = cut.Instance.Binding!;
        var from = binding.NodeOf("start")!.OutPorts.Single();
        var to = binding.NodeOf(delay.Id)!.InPort!;

        cut.InvokeAsync(() =>
        {
            var link = binding.Diagram.Options.Links.Factory(binding.Diagram, from, new Blazor.Diagrams.Core.Anchors.SinglePortAnchor(to))!;
            binding.Diagram.Links.Add(link);
            link.TriggerTargetAttached();
        });

        Assert.Contains(new Connection("start", "Done", delay.Id), state.Definition.Connections);
        Assert.Equal(state.Definition.Connections.Count, binding.LinkCount);
        Assert.True(state.CanUndo);
        // Ports of the input side never start a connection.
        Assert.Null(binding.Diagram.Options.Links.Factory(binding.Diagram, to, new Blazor.Diagrams.Core.Anchors.SinglePortAnchor(from)));
    }

    [Fact]
    public void Moving_nodes_on_the_canvas_is_one_undoable_edit()
    {
        var state = harness.State(Sample());
        var cut = Render<FlowCanvas>(state);
        var binding = cut.Instance.Binding!;
        cut.InvokeAsync(() =>
        {
            binding.NodeOf("start")!.SetPosition(10, 20);
            binding.NodeOf(state.Definition.Activities[1].Id)!.SetPosition(30, 40);
            binding.CommitMoves();
        });
        Assert.Equal(new NodePosition(10, 20), state.Definition.FindActivity("start")!.Position);
        state.Undo();
        Assert.Equal(Sample().FindActivity("start")!.Position, state.Definition.FindActivity("start")!.Position);
        cut.WaitForAssertion(() => Assert.Equal(Sample().FindActivity("start")!.Position.X, binding.NodeOf("start")!.Position.X));
    }

    [Fact]
    public void Problems_are_listed_marked_on_their_nodes_and_select_the_node_when_clicked()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var state = harness.State(Sample());
        var wait = state.Definition.Activities.First(a => a.Type == "WaitForSignal");
        state.Edit("break", d => { d.FindActivity(wait.Id)!.Inputs.Remove("signal"); d.Connections.Add(new Connection(wait.Id, "Done", "nowhere")); });
        var canvas = Render<FlowCanvas>(state);
        var list = _ctx.Render<ProblemList>(p => p.Add(x => x.State, state));

        Assert.Contains(state.Problems, p => p.Code == "missing-input" && p.ActivityId == wait.Id);
        Assert.Contains(state.Problems, p => p.Code == "dangling-connection" && p.ActivityId == wait.Id);
        Assert.Equal(state.Problems.Count.ToString(), list.Find("#designer-problems").GetAttribute("data-count"));
        canvas.WaitForAssertion(() => Assert.Contains("wf-node-invalid", canvas.Find($"#node-{wait.Id}").ClassName));
        Assert.Contains("needs input", canvas.Find($"#node-{wait.Id}").GetAttribute("title"));

        var item = list.FindAll(".wf-problem").First(e => e.GetAttribute("data-activity-id") == wait.Id);
        item.Click();
        Assert.Equal([wait.Id], state.Selection);
        Assert.True(canvas.Instance.Binding!.NodeOf(wait.Id)!.Selected);

        // Fixing it clears the mark.
        state.SetInput(wait.Id, "signal", JsonValue.Create("confirmed"));
        state.Edit("fix", d => d.Connections.RemoveAll(c => c.Target == "nowhere"));
        canvas.WaitForAssertion(() => Assert.DoesNotContain("wf-node-invalid", canvas.Find($"#node-{wait.Id}").ClassName));
    }

    [Fact]
    public void The_form_designer_adds_reorders_and_removes_fields_with_a_live_preview()
    {
        var state = harness.State(FlowTemplates.Empty("form", "表单", "Form", ""));
        var cut = Render<FormDesigner>(state);
        cut.Find("#form-field-add button, button#form-field-add").Click();
        cut.Find("#form-field-add button, button#form-field-add").Click();
        Assert.Equal(["field1", "field2"], state.Definition.StartForm.Select(f => f.Key));
        cut.Find("#form-key").Change("days");
        cut.Find("#form-label-zh").Change("天数");
        Assert.Equal("days", state.Definition.StartForm[1].Key);
        Assert.Contains("天数", cut.Find("#form-preview").TextContent);
        cut.Find("#form-field-1-up").Click();
        Assert.Equal(["days", "field1"], state.Definition.StartForm.Select(f => f.Key));
        cut.Find("#form-field-1-delete").Click();
        Assert.Equal(["days"], state.Definition.StartForm.Select(f => f.Key));
    }
}
