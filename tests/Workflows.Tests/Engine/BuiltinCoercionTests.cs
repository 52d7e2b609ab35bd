using System.Text.Json.Nodes;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// Any built-in installed as a self-referring object's own toString/valueOf/Symbol.toPrimitive turns
/// Jint's ToPrimitive into a native recursion without a statement in between. These run in the test
/// process on purpose: if one overflowed the stack the test host would die and the run would fail.
/// The cases are generated from every callable own property (getters and setters included) of every
/// intrinsic prototype, constructor and namespace, so a built-in added by a Jint upgrade is covered too.
/// </summary>
public sealed class BuiltinCoercionTests
{
    private static readonly JintExpressionEvaluator Evaluator = new(new ExpressionLimits());

    // A value whose properties all lead back to itself: length, source, message… are coerced again.
    private const string SelfReferring = "const o = {}; for (const k of ['length', 'name', 'message', 'source', 'flags', 'description', 'lastIndex', 'size', '0', 'cause']) o[k] = o;";

    private static readonly string[] Owners =
    [
        "globalThis", "String", "Array", "Object", "Number", "Boolean", "Symbol", "Date", "RegExp", "Error", "TypeError", "RangeError",
        "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError", "Function", "Map", "Set", "WeakMap", "WeakSet",
        "WeakRef", "FinalizationRegistry", "Promise", "JSON", "Math", "Reflect", "BigInt", "ArrayBuffer", "SharedArrayBuffer", "DataView",
        "Atomics", "Int8Array", "Uint8Array", "Float64Array", "BigInt64Array", "Object.getPrototypeOf(Int8Array)", "Iterator", "Intl",
        "Object.getPrototypeOf([][Symbol.iterator]())", "Object.getPrototypeOf(''[Symbol.iterator]())",
        "Object.getPrototypeOf(new Map()[Symbol.iterator]())", "Object.getPrototypeOf(new Set()[Symbol.iterator]())",
        "Object.getPrototypeOf(/a/[Symbol.matchAll](''))", "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))",
        "Object.getPrototypeOf((function* () {})())", "Object.getPrototypeOf(Object.getPrototypeOf((function* () {})()))",
        "Object.getPrototypeOf(function* () {})", "Object.getPrototypeOf(async function () {})",
    ];

    public static TheoryData<string> OwnerData() => new(Owners);

    private static IEnumerable<(string Getter, string Key)> Members(string owner)
    {
        // Each callable own property of the owner and of its .prototype, as an expression that yields it.
        var listing = $$"""
            (() => {
              const out = [];
              const owner = (() => { try { return {{owner}}; } catch { return undefined; } })();
              for (const [path, t] of [['', owner], ['.prototype', owner && owner.prototype]]) {
                if (t === null || (typeof t !== 'object' && typeof t !== 'function')) continue;
                for (const k of Reflect.ownKeys(t)) {
                  const d = Object.getOwnPropertyDescriptor(t, k);
                  const key = typeof k === 'symbol' ? 'Symbol.' + k.description.replace('Symbol.', '') : JSON.stringify(k);
                  const at = '(' + '{{owner.Replace("'", "\\'")}}' + path + ')';
                  if (typeof d.value === 'function' && !Object.prototype.hasOwnProperty.call(d.value, 'prototype')) out.push(at + '[' + (typeof k === 'symbol' ? key : key) + ']');
                  if (typeof d.get === 'function') out.push('Object.getOwnPropertyDescriptor(' + at + ', ' + (typeof k === 'symbol' ? key : key) + ').get');
                  if (typeof d.set === 'function') out.push('Object.getOwnPropertyDescriptor(' + at + ', ' + (typeof k === 'symbol' ? key : key) + ').set');
                }
              }
              return out;
            })()
            """;
        var found = (JsonArray)Evaluator.Evaluate(listing, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch))!;
        return found.Select(n => (n!.GetValue<string>(), ""));
    }

    [Theory]
    [MemberData(nameof(OwnerData))]
    public void Every_builtin_as_a_self_referring_coercion_fails_the_expression_not_the_process(string owner)
    {
        var members = Members(owner).ToList();
        if (owner is "String" or "Array" or "Number" or "Date" or "Map") Assert.True(members.Count > 3, $"{owner}: {members.Count} members");
        var overflowed = 0;
        foreach (var (getter, _) in members)
        foreach (var slot in new[] { "o.toString = f; o.valueOf = f;", "o.valueOf = f;", "o[Symbol.toPrimitive] = f;" })
        foreach (var coerce in new[] { "String(o)", "+o" })
        {
            var source = $"(() => {{ {SelfReferring} const f = {getter}; {slot} return {coerce}; }})()";
            try { Evaluator.Evaluate(source, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)); }
            catch (ExpressionException e) { if (e.Reason.Contains("Maximum call stack size exceeded") || e.Reason.Contains("recursion limit")) overflowed++; }
        }
        if (owner is "String" or "Array") Assert.True(overflowed > 0, $"{owner}: no case reached the stack probe");
    }

    [Theory]
    // The shapes of the report.
    [InlineData("(() => { const o = {}; o.toString = String.prototype.trim; return String(o); })()")]
    [InlineData("(() => { const o = {}; o.valueOf = [].pop; o.length = o; return +o; })()")]
    [InlineData("(() => { const o = {}; o[Symbol.toPrimitive] = ''.concat; return `${o}`; })()")]
    [InlineData("(() => { const o = { toString: ''.trim }; return o + ''; })()")]
    [InlineData("(() => { const o = {}; Object.defineProperty(o, 'toString', { value: ''.at }); return String(o); })()")]
    [InlineData("(() => { const o = {}; o.toString = String.prototype.trim.bind(o); return String(o); })()")]
    [InlineData("(() => { class C { } C.prototype.toString = ''.trim; return String(new C()); })()")]
    [InlineData("(() => { const o = Object.create({ toString: ''.padStart }); return String(o); })()")]
    public void A_builtin_coercing_its_own_receiver_fails_with_the_stack_probe(string source)
    {
        var e = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(source, ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch)));
        Assert.Matches("recursion limit of 64 exceeded|Maximum call stack size exceeded", e.Reason);
    }

    [Fact]
    public void Wrapped_builtins_still_behave_like_the_builtins()
    {
        var globals = ExpressionGlobals.Empty(DateTimeOffset.UnixEpoch);
        Assert.Equal("a,b|2|trim|1|true|true|[1,2]|3|x",
            Evaluator.Evaluate("[['a','b'].join(), [1, 2].length, ''.trim.name, ''.at.length, [] instanceof Array, " +
                               "[][Symbol.iterator] === [].values, JSON.stringify([...new Set([1, 2])]), Math.max(1, 3), ' x '.trim()].join('|')", globals)!.GetValue<string>());
    }
}
