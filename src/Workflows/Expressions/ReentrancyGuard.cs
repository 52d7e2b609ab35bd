using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// Jint's own stack guard (<c>StackOverflowGuard</c>) probes the stack when a script function is entered,
/// but built-in functions recurse natively: <c>String(a)</c> of a deeply nested array goes
/// Array.prototype.toString → join → toString…, JSON.stringify walks nested objects, and a built-in set as
/// another built-in's callee (<c>o.toISOString = Date.prototype.toJSON</c>) recurses for ever without a
/// single statement. This puts a stack probe in front of the built-ins that call back into the values they
/// are given, so each level of such a recursion checks the stack and fails as a RangeError well before
/// the end. Wrapping every built-in would cost milliseconds per evaluation; the list is the re-entrant ones.
/// </summary>
internal static class ReentrancyGuard
{
    private static readonly (string Owner, string[] Methods)[] Reentrant =
    [
        ("Array.prototype", ["toString", "join", "toLocaleString", "flat", "flatMap"]),
        ("Object.prototype", ["toLocaleString"]),
        ("Date.prototype", ["toJSON"]),
        ("Error.prototype", ["toString"]),
        ("RegExp.prototype", ["toString"]),
        ("Function.prototype", ["apply", "call", "bind"]),
        ("Reflect", ["apply", "construct", "get", "set"]),
        ("JSON", ["parse"]),
    ];

    /// <summary>Installs the probes; returns the guarded JSON.stringify, for the host's own conversion of results.</summary>
    public static Function Install(Engine engine)
    {
        var global = engine.Global;
        var rangeError = (ErrorConstructor)global.Get("RangeError");
        foreach (var (owner, methods) in Reentrant)
        {
            var target = Resolve(global, owner);
            foreach (var name in methods)
            {
                var d = target.GetOwnProperty(name);
                if (d.Value is not Function original) continue;
                var wrapper = new ClrFunction(engine, name, (self, args) =>
                {
                    Probe(rangeError);
                    return original.Call(self, args);
                }, 0, PropertyFlag.Configurable);
                target.DefineOwnProperty(name, new PropertyDescriptor(wrapper, d.Writable, d.Enumerable, d.Configurable));
            }
        }
        var json = (ObjectInstance)global.Get("JSON");
        var stringify = (Function)json.Get("stringify");
        var guarded = new ClrFunction(engine, "stringify", (_, args) => Stringify(engine, rangeError, stringify, args), 3, PropertyFlag.Configurable);
        json.DefineOwnProperty("stringify", new PropertyDescriptor(guarded, true, false, true));
        // No flow needs a Proxy, and a chain of trap-less proxies forwards natively without any probe.
        global.RemoveOwnProperty("Proxy");
        return guarded;
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

    private static ObjectInstance Resolve(ObjectInstance global, string path)
    {
        var parts = path.Split('.');
        var o = (ObjectInstance)global.Get(parts[0]);
        foreach (var part in parts.Skip(1)) o = (ObjectInstance)o.Get(part);
        return o;
    }
}
