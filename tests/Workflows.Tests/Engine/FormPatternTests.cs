using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>A start-form field's <c>pattern</c>: checked when publishing, matched with a time limit when starting.</summary>
public sealed class FormPatternTests
{
    private static FormField Code(string pattern) => new() { Key = "code", Label = new("编号", "Code"), Pattern = pattern };

    private static WorkflowDefinition Flow(string pattern)
    {
        var d = new FlowBuilder("patterned").Activity("start", "Start").Activity("end", "End").Connect("start", "Done", "end").Build();
        d.StartForm.Add(Code(pattern));
        return d;
    }

    [Fact]
    public void A_backtracking_pattern_is_a_field_error_in_both_languages_not_an_exception()
    {
        var errors = FormValidator.Validate([Code("(a+)+b")], new JsonObject { ["code"] = new string('a', 30) + "c" });
        var error = errors["code"];
        Assert.Contains("无法在限定时间内校验", error.ZhCN);
        Assert.Contains("could not be checked in time", error.En);
        // An ordinary value still gets the ordinary answer.
        Assert.Empty(FormValidator.Validate([Code("(a+)+b")], new JsonObject { ["code"] = "aab" }));
        Assert.Contains("does not have the required format", FormValidator.Validate([Code("(a+)+b")], new JsonObject { ["code"] = "ac" })["code"].En);
    }

    [Fact]
    public async Task Starting_with_such_a_value_is_refused_as_invalid_form()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(Flow("(a+)+b"));
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.StartAsync("patterned", new JsonObject { ["code"] = new string('a', 30) + "c" }, "u1"));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Equal("invalid-form", e.Code);
        Assert.Contains("could not be checked in time", e.FieldErrors["code"].En);
    }

    [Theory]
    [InlineData("(abc")]
    [InlineData("a)|(b")] // fails alone; wrapped as ^(?:a)|(b)$ it would compile and match far more than meant
    [InlineData("[z-a]")]
    public async Task An_invalid_pattern_is_refused_at_publish_naming_the_field(string pattern)
    {
        await using var h = await EngineHarness.CreateAsync();
        var problem = Assert.Single(h.Definitions.Validate(Flow(pattern)), p => p.Code == "form-field-pattern");
        Assert.Contains("“编号”（code）", problem.Message.ZhCN);
        Assert.Contains("'Code' (code) has an invalid pattern", problem.Message.En);
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.PublishAsync(Flow(pattern)));
        Assert.Contains(e.Problems, p => p.Code == "form-field-pattern");
    }

    [Fact]
    public void A_value_nested_too_deeply_is_a_field_error()
    {
        JsonNode deep = new JsonArray();
        for (var n = 0; n < 100; n++) deep = new JsonArray(deep);
        var field = new FormField { Key = "files", Label = new("附件", "Files"), Type = FormFieldType.File };
        Assert.Contains("nested too deeply", FormValidator.Validate([field], new JsonObject { ["files"] = deep })["files"].En);
        Assert.Empty(FormValidator.Validate([field], new JsonObject { ["files"] = new JsonArray(new JsonObject { ["id"] = "a1" }) }));
    }
}
