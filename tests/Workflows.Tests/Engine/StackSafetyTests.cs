using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// Hostile expressions run here, in the test process: a stack overflow cannot be caught, so if the
/// sandbox let one through, the test host would die and the run would fail. Each case must instead end
/// with an ordinary result or a clear <see cref="ExpressionException"/>.
/// </summary>
public sealed class StackSafetyTests
{
    private static readonly ExpressionLimits Limits = new();
    private static readonly JintExpressionEvaluator Evaluator = new(Limits);

    private static ExpressionException Fails(string source, ExpressionGlobals? globals = null) =>
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(source, globals ?? ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)));

    private const string NestedArrays = "let a = []; for (let i = 0; i < 150000; i++) a = [a];";
    private const string NestedObjects = "let a = {}; for (let i = 0; i < 150000; i++) a = { a };";

    [Theory]
    // The shapes of the probe report: a recursion inside Jint's own built-ins, not in script functions.
    [InlineData("(() => { let a = []; for (let i = 0; i < 20000; i++) a = [a]; return JSON.stringify(a).length; })()")]
    [InlineData("(() => { let a = []; for (let i = 0; i < 20000; i++) a = [a]; return String(a).length; })()")]
    [InlineData("(() => { " + NestedArrays + " return JSON.stringify(a).length; })()")]
    [InlineData("(() => { " + NestedArrays + " return String(a).length; })()")]
    [InlineData("(() => { " + NestedObjects + " return JSON.stringify(a).length; })()")]
    [InlineData("(() => { " + NestedObjects + " return JSON.stringify(a, null, 2).length; })()")]
    [InlineData("(() => { " + NestedObjects + " return JSON.stringify(a, (k, v) => v).length; })()")]
    [InlineData("(() => { " + NestedObjects + " return JSON.stringify(a, ['a']).length; })()")]
    [InlineData("(() => { let a = {}; for (let i = 0; i < 150000; i++) { const n = Object.create(null); n.a = a; a = n; } return JSON.stringify(a).length; })()")]
    [InlineData("(() => { let a = [1]; for (let i = 0; i < 150000; i++) a = [a, 1]; return a.join(',').length; })()")]
    [InlineData("(() => { let a = [1]; for (let i = 0; i < 150000; i++) a = [a]; return a.toLocaleString().length; })()")]
    [InlineData("(() => { let a = [1]; for (let i = 0; i < 150000; i++) a = [a]; return a.flat(Infinity).length; })()")]
    [InlineData("(() => { let e = new Error('x'); for (let i = 0; i < 150000; i++) { const n = new Error(''); n.message = e; e = n; } return String(e).length; })()")]
    [InlineData("(() => { let f = function () { return 1; }; for (let i = 0; i < 150000; i++) f = f.bind(null); return f(); })()")]
    // Built-ins calling each other for ever through a property, without a single statement in between.
    [InlineData("(() => { const o = {}; o.toISOString = Date.prototype.toJSON; return Date.prototype.toJSON.call(o); })()")]
    [InlineData("(() => { const o = {}; o.toString = Object.prototype.toLocaleString; return String(o); })()")]
    [InlineData("(() => { const o = {}; o.join = Array.prototype.toString; return String(Array.prototype.toString.call(o)); })()")]
    [InlineData("(() => { const f = Function.prototype.apply; const a = [f]; a.push(a); return f.apply(f, a); })()")]
    [InlineData("(() => { const a = []; a.push(Reflect.apply, null, a); return Reflect.apply(Reflect.apply, null, a); })()")]
    [InlineData("(() => { const r = { flags: '' }; r.source = r; r.toString = RegExp.prototype.toString; return String(r); })()")]
    [InlineData("(() => { let p = {}; for (let i = 0; i < 150000; i++) p = new Proxy(p, {}); return p.x; })()")]
    // Data nested deeper than the JSON parser allows.
    [InlineData("JSON.parse('['.repeat(100000) + ']'.repeat(100000))")]
    [InlineData("JSON.parse('{\"a\":'.repeat(100000) + '1' + '}'.repeat(100000))")]
    public void A_native_recursion_fails_the_expression_not_the_process(string source)
    {
        try
        {
            var result = Evaluator.Evaluate(source, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch));
            Assert.NotNull(result);
        }
        catch (ExpressionException e)
        {
            Assert.Matches("limit|too deeply|nests|stack|Max. depth|not defined", e.Reason);
        }
    }

    [Fact]
    public void A_deeply_nested_result_is_refused_when_converted()
    {
        var e = Fails("(() => { let a = []; for (let i = 0; i < 20000; i++) a = [a]; return a; })()");
        Assert.Contains($"nests deeper than {Limits.MaxResultDepth} levels", e.Reason);
        Assert.Contains("nests deeper", Fails("(() => { let a = {}; for (let i = 0; i < 20000; i++) a = { a }; return a; })()").Reason);
        // Nesting within the limit converts as before.
        var ok = Evaluator.Evaluate("(() => { let a = [1]; for (let i = 0; i < 10; i++) a = [a]; return a; })()", ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch));
        Assert.Equal("[[[[[[[[[[[1]]]]]]]]]]]", ok!.ToJsonString());
    }

    [Fact]
    public void A_source_too_long_to_nest_safely_is_a_syntax_error_at_publish_and_at_run_time()
    {
        var source = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal($"syntax error: the expression is longer than {Limits.MaxSourceLength} characters", Evaluator.CheckSyntax(source));
        Assert.StartsWith("syntax error", Fails(source).Reason);
        // The longest source allowed, nested as deeply as it can be, runs without overflowing.
        var half = Limits.MaxSourceLength / 2 - 1;
        foreach (var deep in new[] { new string('(', half) + "1" + new string(')', half), string.Concat(Enumerable.Repeat("+-", half)) + "1",
                     string.Concat(Enumerable.Repeat("[", half)) + string.Concat(Enumerable.Repeat("]", half)), string.Concat(Enumerable.Repeat("!", Limits.MaxSourceLength - 1)) + "1" })
        {
            try { Evaluator.Evaluate(deep, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)); }
            catch (ExpressionException e) { Assert.Matches("nest|limit", e.Reason); }
        }
        Assert.Contains($"longer than {Limits.MaxSourceLength} characters", Evaluator.CheckSyntax(new string('1', Limits.MaxSourceLength + 1)));
    }

    [Fact]
    public void Instance_data_nested_too_deeply_fails_the_expression()
    {
        JsonNode deep = new JsonArray();
        for (var n = 0; n < 200; n++) deep = new JsonArray(deep);
        var globals = new ExpressionGlobals([], new JsonObject { ["deep"] = deep }, [], null, DateTimeOffset.UnixEpoch);
        Assert.Contains("nested too deeply", Fails("vars.deep", globals).Reason);
    }

    [Fact]
    public void Eval_and_the_function_constructor_are_not_available()
    {
        Assert.Contains("JavaScript error", Fails("eval('1 + 1')").Reason);
        Assert.Contains("JavaScript error", Fails("new Function('return 1')()").Reason);
    }

    [Fact]
    public void A_catastrophic_regular_expression_stops_at_the_time_limit()
    {
        var e = Fails("/^(a+)+b$/.test('a'.repeat(40) + 'c')");
        Assert.Contains($"regular expression exceeded the time limit of {Limits.Timeout.TotalMilliseconds} ms", e.Reason);
        // The regex engine itself was given the sandbox's limit (Jint's default would be 10 s).
        Assert.Equal(Limits.Timeout, Assert.IsType<RegexMatchTimeoutException>(e.InnerException).MatchTimeout);
        Assert.Contains("time limit", Fails("'a'.repeat(40).replace(/(a|aa)+$/, 'x') + 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac'.match(/^(a|a?)+$/)").Reason);
    }

    [Theory]
    [InlineData("'x'.repeat(50 * 1024 * 1024).length")]
    [InlineData("'x'.padEnd(50 * 1024 * 1024, 'y').length")]
    [InlineData("new Array(3000000).fill(0).join(',').length")]
    public void One_call_that_allocates_past_the_memory_limit_fails_it(string source)
    {
        // A generous time limit, so that on a loaded machine the memory limit, not the clock, is what stops the call.
        var e = Assert.Throws<ExpressionException>(() => MemoryEvaluator.Evaluate(source, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)));
        Assert.Contains($"memory limit of {Limits.MaxMemoryBytes / 1024 / 1024} MB exceeded", e.Reason);
    }

    private static readonly JintExpressionEvaluator MemoryEvaluator = new(new ExpressionLimits { Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public void The_evaluator_still_works_after_hostile_expressions()
    {
        Fails("(() => { const o = {}; o.toString = Object.prototype.toLocaleString; return String(o); })()");
        var globals = new ExpressionGlobals(new JsonObject { ["amount"] = 5 }, [], [], "u1", DateTimeOffset.UnixEpoch);
        Assert.Equal(true, Evaluator.Evaluate("input.amount > 1 && initiator === 'u1'", globals)!.GetValue<bool>());
        Assert.Equal("{\"b\":[1,2]}", Evaluator.Evaluate("JSON.stringify({ b: [1, 2] })", globals)!.GetValue<string>());
        Assert.Equal("{\"b\":1}", Evaluator.Evaluate("JSON.stringify({ b: 1, c: 2 }, ['b'])", globals)!.GetValue<string>());
        Assert.Equal("{\"b\":2}", Evaluator.Evaluate("JSON.stringify({ b: 1 }, (k, v) => k === 'b' ? 2 : v)", globals)!.GetValue<string>());
        Assert.Equal("1,2,3", Evaluator.Evaluate("[1, [2, [3]]].join(',')", globals)!.GetValue<string>());
    }
}
