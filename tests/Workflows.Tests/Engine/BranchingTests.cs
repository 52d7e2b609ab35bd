using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class BranchingTests
{
    private static FlowBuilder DecisionFlow() => new FlowBuilder("decision")
        .Field("amount", Definitions.FormFieldType.Number, required: true)
        .Activity("start", "Start")
        .Activity("big", "Decision", """{ "condition": { "js": "input.amount > 100" } }""")
        .Activity("yes", "End", """{ "result": "Big" }""")
        .Activity("no", "End", """{ "result": "Small" }""")
        .Connect("start", "Done", "big").Connect("big", "True", "yes").Connect("big", "False", "no");

    [Theory]
    [InlineData(500, "Big")]
    [InlineData(100, "Small")]
    public async Task Decision_follows_the_condition(int amount, string expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(DecisionFlow().Build());
        var i = await h.Runtime.StartAsync("decision", new JsonObject { ["amount"] = amount }, "u1");
        Assert.Equal(InstanceStatus.Finished, i.Status);
        Assert.Equal(expected, i.Result);
        var journal = (await h.GetAsync(i.Id)).Journal;
        Assert.Contains(journal, j => j.Kind == JournalKind.ActivityCompleted && j.ActivityId == "big" && j.Outcome == (amount > 100 ? "True" : "False"));
        Assert.All(journal, j => Assert.Equal("u1", j.UserId));
    }

    [Theory]
    [InlineData("leave", "toHr")]
    [InlineData("asset", "toFinance")]
    [InlineData("other", "toDefault")]
    public async Task Switch_takes_the_first_matching_case_else_default(string kind, string expectedEnd)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(new FlowBuilder("switch")
            .Field("kind", Definitions.FormFieldType.Text)
            .Activity("start", "Start")
            .Activity("route", "Switch", """
                { "cases": [
                  { "outcome": "Leave", "condition": { "js": "input.kind === 'leave'" } },
                  { "outcome": "Asset", "condition": { "js": "input.kind === 'asset'" } } ] }
                """)
            .Activity("toHr", "End", """{ "result": "toHr" }""")
            .Activity("toFinance", "End", """{ "result": "toFinance" }""")
            .Activity("toDefault", "End", """{ "result": "toDefault" }""")
            .Connect("start", "Done", "route").Connect("route", "Leave", "toHr").Connect("route", "Asset", "toFinance").Connect("route", "Default", "toDefault")
            .Build());
        var i = await h.Runtime.StartAsync("switch", new JsonObject { ["kind"] = kind }, null);
        Assert.Equal(expectedEnd, i.Result);
    }

    [Fact]
    public async Task Expressions_see_input_vars_outputs_initiator_and_now()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(new FlowBuilder("globals")
            .Field("days", Definitions.FormFieldType.Number)
            .Variable("counter", "41")
            .Activity("start", "Start")
            .Activity("inc", "SetVariable", """{ "variable": "counter", "value": { "js": "vars.counter + 1" } }""")
            .Activity("who", "SetVariable", """{ "variable": "who", "value": { "js": "initiator + ':' + input.days" } }""")
            .Activity("when", "SetVariable", """{ "variable": "year", "value": { "js": "now.getUTCFullYear()" } }""")
            .Activity("obj", "SetVariable", """{ "variable": "summary", "value": { "js": "({ total: vars.counter * 2, tags: ['a', 'b'] })" } }""")
            .Activity("end", "End")
            .Connect("start", "Done", "inc").Connect("inc", "Done", "who").Connect("who", "Done", "when").Connect("when", "Done", "obj").Connect("obj", "Done", "end")
            .Build());
        var i = await h.Runtime.StartAsync("globals", new JsonObject { ["days"] = 3 }, "zhangsan");
        var vars = (await h.GetAsync(i.Id)).State.Variables;
        Assert.Equal(42, vars["counter"]!.GetValue<long>());
        Assert.Equal("zhangsan:3", vars["who"]!.GetValue<string>());
        Assert.Equal(2026, vars["year"]!.GetValue<long>());
        Assert.Equal(84, vars["summary"]!["total"]!.GetValue<long>());
        Assert.Equal("b", vars["summary"]!["tags"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_form_input_is_validated_before_anything_is_saved()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(DecisionFlow().Build());
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.StartAsync("decision", new JsonObject { ["amount"] = "lots", ["extra"] = 1 }, "u1"));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Contains("amount", e.FieldErrors.Keys);
        Assert.Contains("extra", e.FieldErrors.Keys);
        Assert.Contains("数字", e.FieldErrors["amount"].ZhCN);
        await using var ctx = h.Db.Create();
        Assert.Equal(0, ctx.Instances.Count());
    }

    [Fact]
    public async Task Starting_an_unknown_or_unpublished_flow_is_not_found()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Definitions.SaveDraftAsync(DecisionFlow().Build(), "admin");
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.StartAsync("decision", [], "u1"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }
}
