using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// JavaScript through Jint in a sandbox: time, statement, memory and recursion limits, strict mode,
/// and no CLR access (Jint exposes none unless asked). A fresh engine per evaluation keeps instances
/// from seeing each other's state; parsed scripts are cached because parsing dominates small expressions.
/// </summary>
public sealed class JintExpressionEvaluator(ExpressionLimits limits) : IExpressionEvaluator
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _cache = new();

    public JsonNode? Evaluate(string source, ExpressionGlobals globals)
    {
        var script = Prepare(source);
        var engine = new Engine(o => o
            .Strict()
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursionDepth));
        try
        {
            var parser = new Jint.Native.Json.JsonParser(engine);
            engine.SetValue("input", parser.Parse(globals.Input.ToJsonString()));
            engine.SetValue("vars", parser.Parse(globals.Vars.ToJsonString()));
            engine.SetValue("outputs", parser.Parse(globals.Outputs.ToJsonString()));
            engine.SetValue("initiator", globals.Initiator is null ? JsValue.Null : new JsString(globals.Initiator));
            engine.SetValue("now", new JsDate(engine, globals.Now));
            return ToJson(engine, engine.Evaluate(script));
        }
        catch (ExpressionException) { throw; }
        catch (JavaScriptException e) { throw new ExpressionException(source, $"JavaScript error: {e.Message}", e); }
        catch (Exception e) when (e is TimeoutException or ExecutionCanceledException) { throw new ExpressionException(source, $"time limit of {limits.Timeout.TotalMilliseconds} ms exceeded", e); }
        catch (StatementsCountOverflowException e) { throw new ExpressionException(source, $"statement limit of {limits.MaxStatements} exceeded", e); }
        catch (MemoryLimitExceededException e) { throw new ExpressionException(source, $"memory limit of {limits.MaxMemoryBytes / 1024 / 1024} MB exceeded", e); }
        catch (RecursionDepthOverflowException e) { throw new ExpressionException(source, $"recursion limit of {limits.MaxRecursionDepth} exceeded", e); }
        catch (Exception e) when (e is JintException or InvalidOperationException or ArgumentException)
        {
            throw new ExpressionException(source, e.Message, e);
        }
    }

    public string? CheckSyntax(string source)
    {
        try { Prepare(source); return null; }
        catch (ExpressionException e) { return e.Reason; }
    }

    private Prepared<Script> Prepare(string source)
    {
        if (_cache.TryGetValue(source, out var cached)) return cached;
        if (string.IsNullOrWhiteSpace(source)) throw new ExpressionException(source, "the expression is empty");
        try
        {
            var prepared = Engine.PrepareScript(source, strict: true);
            if (_cache.Count < 10_000) _cache.TryAdd(source, prepared);
            return prepared;
        }
        catch (Exception e) when (e is ParseErrorException or ScriptPreparationException or JavaScriptException)
        {
            throw new ExpressionException(source, $"syntax error: {e.Message}", e);
        }
    }

    private static JsonNode? ToJson(Engine engine, JsValue value) => value switch
    {
        _ when value.IsNull() || value.IsUndefined() => null,
        JsBoolean b => JsonValue.Create(b.AsBoolean()),
        JsNumber n => NumberNode(n.AsNumber()),
        JsString s => JsonValue.Create(s.ToString()),
        _ when value.IsDate() => JsonValue.Create(value.AsDate().ToDateTime().ToUniversalTime().ToString("O")),
        _ => JsonNode.Parse(new Jint.Native.Json.JsonSerializer(engine)
                 .Serialize(value, JsValue.Undefined, JsValue.Undefined).ToString()),
    };

    private static JsonNode NumberNode(double d) =>
        d % 1 == 0 && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
}
