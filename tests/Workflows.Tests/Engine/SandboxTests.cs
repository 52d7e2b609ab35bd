using Approvals.Workflows.Expressions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class SandboxTests
{
    private static readonly JintExpressionEvaluator Evaluator = new(new ExpressionLimits());

    [Theory]
    [InlineData("while (true) {}", "limit")]
    [InlineData("for (;;) { var x = 1; }", "limit")]
    [InlineData("var a = []; while (true) { a.push(new Array(100000).fill('x')); }", "limit")]
    [InlineData("var s = 'x'; while (true) { s = s + s; }", "limit")]
    [InlineData("function f() { return f(); } f()", "limit")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "System is not defined")]
    [InlineData("importNamespace('System.IO')", "importNamespace is not defined")]
    [InlineData("null.x", "JavaScript error")]
    public void Hostile_expressions_fail_fast_with_a_clear_reason(string source, string reasonPart)
    {
        // The limit proves itself by its own reason ("time limit of 500 ms exceeded", …), not by a stopwatch.
        var e = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(source, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)));
        Assert.Contains(reasonPart, e.Message);
    }

    [Fact]
    public void Syntax_errors_are_found_without_running_anything()
    {
        Assert.Null(Evaluator.CheckSyntax("input.a > 1 && vars.b"));
        Assert.Contains("syntax error", Evaluator.CheckSyntax("input.a >"));
        Assert.NotNull(Evaluator.CheckSyntax("   "));
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("var a = []; while (true) { a.push(new Array(100000).fill('x')); }")]
    public async Task An_endless_or_memory_hungry_expression_becomes_an_incident_naming_its_limit(string source)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(new FlowBuilder("hostile")
            .Activity("start", "Start")
            .Activity("bad", "Decision", $$"""{ "condition": { "js": {{System.Text.Json.JsonSerializer.Serialize(source)}} } }""")
            .Activity("end", "End")
            .Connect("start", "Done", "bad").Connect("bad", "True", "end").Connect("bad", "False", "end")
            .Build());
        var i = await h.Runtime.StartAsync("hostile", [], "u1");
        Assert.Equal(InstanceStatus.Faulted, i.Status);
        var incident = Assert.Single((await h.GetAsync(i.Id)).Incidents);
        Assert.Equal("bad", incident.ActivityId);
        Assert.Contains("limit", incident.Message);
    }
}
