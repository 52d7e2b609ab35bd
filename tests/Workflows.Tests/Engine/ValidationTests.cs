using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Engine;

public sealed class ValidationTests
{
    private static WorkflowDefinition Valid() => new FlowBuilder("valid")
        .Field("amount", FormFieldType.Number)
        .Activity("start", "Start")
        .Activity("check", "Decision", """{ "condition": { "js": "input.amount > 1" } }""")
        .Activity("wait", "Delay", """{ "duration": "PT1H" }""")
        .Activity("end", "End")
        .Connect("start", "Done", "check").Connect("check", "True", "wait").Connect("check", "False", "end").Connect("wait", "Done", "end")
        .Build();

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "no-start", "no-start", null },
        { "two-starts", "multiple-starts", "start2" },
        { "dangling-target", "dangling-connection", "wait" },
        { "dangling-source", "dangling-connection", "end" },
        { "unreachable", "unreachable", "orphan" },
        { "no-end", "no-end", null },
        { "missing-required-input", "missing-input", "check" },
        { "wrong-input-type", "invalid-input", "wait" },
        { "bad-option", "invalid-option", "join" },
        { "syntax-error", "expression-syntax", "check" },
        { "unknown-type", "unknown-activity-type", "mystery" },
        { "unknown-outcome", "unknown-outcome", "check" },
        { "unknown-input", "unknown-input", "wait" },
        { "duplicate-id", "duplicate-activity-id", "wait" },
        { "bad-id", "invalid-id", null },
        { "select-without-options", "form-field-options", null },
        { "duplicate-field", "form-field-duplicate", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_rule_reports_its_problem_with_the_activity_and_both_languages(string mutation, string code, string? activityId)
    {
        await using var h = await EngineHarness.CreateAsync();
        var d = Valid();
        Mutate(d, mutation);
        var problems = h.Definitions.Validate(d);
        var p = Assert.Single(problems, p => p.Code == code);
        Assert.Equal(activityId, p.ActivityId);
        Assert.False(string.IsNullOrWhiteSpace(p.Message.ZhCN));
        Assert.False(string.IsNullOrWhiteSpace(p.Message.En));
    }

    [Fact]
    public async Task A_valid_flow_has_no_problems_and_every_problem_is_listed_not_just_the_first()
    {
        await using var h = await EngineHarness.CreateAsync();
        Assert.Empty(h.Definitions.Validate(Valid()));
        var d = Valid();
        Mutate(d, "dangling-target");
        Mutate(d, "syntax-error");
        Mutate(d, "unreachable");
        Assert.Equal(["dangling-connection", "expression-syntax", "unreachable"], h.Definitions.Validate(d).Select(p => p.Code).Order());
    }

    private static void Mutate(WorkflowDefinition d, string mutation)
    {
        ActivityNode Node(string id) => d.FindActivity(id)!;
        switch (mutation)
        {
            case "no-start": d.Activities.Remove(Node("start")); d.Connections.RemoveAll(c => c.Source == "start"); break;
            case "two-starts": d.Activities.Add(new ActivityNode { Id = "start2", Type = "Start" }); d.Connections.Add(new("start2", "Done", "end")); break;
            case "dangling-target": d.Connections.Add(new("wait", "Done", "nowhere")); break;
            case "dangling-source": d.Connections.Add(new("ghost", "Done", "end")); break;
            case "unreachable": d.Activities.Add(new ActivityNode { Id = "orphan", Type = "Delay", Inputs = new JsonObject { ["duration"] = "PT1M" } }); d.Connections.Add(new("orphan", "Done", "end")); break;
            case "no-end": d.Activities.Remove(Node("end")); d.Connections.RemoveAll(c => c.Target == "end"); break;
            case "missing-required-input": Node("check").Inputs.Remove("condition"); break;
            case "wrong-input-type": Node("wait").Inputs["until"] = "not a date"; break;
            case "bad-option":
                d.Activities.Add(new ActivityNode { Id = "join", Type = "Join", Inputs = new JsonObject { ["mode"] = "WaitSome" } });
                d.Connections.Add(new("wait", "Done", "join")); d.Connections.Add(new("join", "Done", "end")); break;
            case "syntax-error": Node("check").Inputs["condition"] = new JsonObject { ["js"] = "input.amount >" }; break;
            case "unknown-type": d.Activities.Add(new ActivityNode { Id = "mystery", Type = "Teleport" }); d.Connections.Add(new("check", "True", "mystery")); d.Connections.Add(new("mystery", "Done", "end")); break;
            case "unknown-outcome": d.Connections.Add(new("check", "Maybe", "end")); break;
            case "unknown-input": Node("wait").Inputs["colour"] = "red"; break;
            case "duplicate-id": d.Activities.Add(new ActivityNode { Id = "wait", Type = "End" }); break;
            case "bad-id": d.Id = "Bad Id!"; break;
            case "select-without-options": d.StartForm.Add(new FormField { Key = "kind", Label = new("类型", "Kind"), Type = FormFieldType.Select }); break;
            case "duplicate-field": d.StartForm.Add(new FormField { Key = "amount", Label = new("金额", "Amount"), Type = FormFieldType.Number }); break;
            default: throw new ArgumentException(mutation);
        }
    }
}
