using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Acornima.Ast;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// Jint's own stack guard (<c>StackOverflowGuard</c>) probes the stack when a script function is entered,
/// but built-in functions recurse natively: <c>String(a)</c> of a deeply nested array goes
/// Array.prototype.toString → join → toString…, JSON.stringify walks nested objects, and any built-in set
/// as a self-referring object's own <c>toString</c>/<c>valueOf</c>/<c>Symbol.toPrimitive</c>
/// (<c>o.toString = ''.trim; String(o)</c>) recurses through Jint's ToPrimitive for ever without a single
/// statement. Which built-ins can be turned into such a loop is open-ended, so every built-in function
/// reachable from the global object (methods, getters and setters of every prototype, namespace and
/// constructor, the iterator and generator prototypes included) is replaced by a wrapper that probes the
/// stack first; each level of any such recursion checks the stack and fails as a RangeError well before
/// the end. Constructors keep their identity (instanceof, <c>new</c>) and are not wrapped: called without
/// <c>new</c> they only coerce their arguments, never <c>this</c>.
/// </summary>
internal static class ReentrancyGuard
{
    // Objects the global object does not reach through properties: the iterator and generator prototypes.
    private static readonly Prepared<Script> Hidden = Engine.PrepareScript(
        "[[][Symbol.iterator](), ''[Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), " +
        "/a/[Symbol.matchAll](''), (function* () {})(), (async function* () {})(), function* () {}, async function () {}, " +
        "async function* () {}, async () => {}, (function () { return arguments; })()]", strict: true);

    /// <summary>Installs the probes; returns the guarded JSON.stringify, for the host's own conversion of results.</summary>
    public static Function Install(Engine engine)
    {
        var global = engine.Global;
        // No flow needs a Proxy, and a chain of trap-less proxies forwards natively without any probe.
        global.RemoveOwnProperty("Proxy");
        var rangeError = (ErrorConstructor)global.Get("RangeError");
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        // One wrapper per built-in, so aliases stay identical ([][Symbol.iterator] === [].values).
        var wrappers = new Dictionary<Function, ClrFunction>(ReferenceEqualityComparer.Instance);
        ClrFunction Wrapped(Function f) => wrappers.TryGetValue(f, out var w) ? w : wrappers[f] = Wrap(engine, rangeError, f);
        var pending = new Stack<ObjectInstance>();
        pending.Push(global);
        foreach (var hidden in (JsArray)engine.Evaluate(Hidden)) pending.Push((ObjectInstance)hidden);
        while (pending.Count > 0)
        {
            var target = pending.Pop();
            if (!seen.Add(target)) continue;
            if (target.Prototype is { } proto) pending.Push(proto);
            foreach (var (key, d) in target.GetOwnProperties().ToList())
            {
                if (d.IsAccessorDescriptor())
                {
                    var get = d.Get is Function g ? Wrapped(g) : d.Get;
                    var set = d.Set is Function s ? Wrapped(s) : d.Set;
                    target.FastSetProperty(key, new GetSetPropertyDescriptor(get, set, d.Enumerable, d.Configurable));
                    continue;
                }
                if (d.Value is not ObjectInstance value) continue;
                pending.Push(value);
                if (value is Function f && !f.HasOwnProperty("prototype"))
                    target.FastSetProperty(key, new PropertyDescriptor(Wrapped(f), d.Writable, d.Enumerable, d.Configurable));
            }
        }
        var json = (ObjectInstance)global.Get("JSON");
        var stringify = (Function)json.Get("stringify");
        var guarded = new ClrFunction(engine, "stringify", (_, args) => Stringify(engine, rangeError, stringify, args), 3, PropertyFlag.Configurable);
        json.DefineOwnProperty("stringify", new PropertyDescriptor(guarded, true, false, true));
        return guarded;
    }

    /// <summary>The built-in behind a stack probe, with its own name and length.</summary>
    private static ClrFunction Wrap(Engine engine, ErrorConstructor rangeError, Function original)
    {
        var length = original.GetOwnProperty("length").Value is JsNumber n ? (int)n.AsNumber() : 0;
        return new ClrFunction(engine, original.Get("name").ToString(), (self, args) =>
        {
            Probe(rangeError);
            return original.Call(self, args);
        }, length, PropertyFlag.Configurable);
    }

    /// <summary>
    /// JSON.stringify recurses through nested values natively, but calls the replacer once per property at
    /// every level; a replacer that probes the stack (and calls the script's own, if it gave one) bounds it.
    /// An array replacer (a property list) keeps the built-in path: its depth is bounded by the thread's stack.
    /// </summary>
    public static JsValue Stringify(Engine engine, ErrorConstructor rangeError, Function stringify, JsValue[] args)
    {
        Probe(rangeError);
        var value = args.Length > 0 ? args[0] : JsValue.Undefined;
        var replacer = args.Length > 1 ? args[1] : JsValue.Undefined;
        var space = args.Length > 2 ? args[2] : JsValue.Undefined;
        if (!replacer.IsArray())
        {
            var user = replacer as Function;
            replacer = new ClrFunction(engine, "", (holder, a) =>
            {
                Probe(rangeError);
                return user is null ? (a.Length > 1 ? a[1] : JsValue.Undefined) : user.Call(holder, a);
            }, 2, PropertyFlag.Configurable);
        }
        return stringify.Call(JsValue.Undefined, [value, replacer, space]);
    }

    /// <summary>Throws a JavaScript RangeError while there is still stack to unwind on.</summary>
    public static void Probe(ErrorConstructor rangeError)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JavaScriptException(rangeError, "Maximum call stack size exceeded");
    }
}
