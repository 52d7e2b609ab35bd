using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// JavaScript through Jint in a sandbox: time (regular expressions included), statement, memory and
/// recursion limits, strict mode, no eval, no CLR access (Jint exposes none unless asked). Every
/// evaluation and syntax check runs on an <see cref="ExpressionThreads"/> thread with a large known stack,
/// with stack probes on the re-entrant built-ins (<see cref="ReentrancyGuard"/>), so no script can end the
/// process with a stack overflow. A fresh engine per evaluation keeps instances from seeing each other's
/// state; parsed scripts are cached because parsing dominates small expressions.
/// </summary>
public sealed class JintExpressionEvaluator : IExpressionEvaluator, IDisposable
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _cache = new();
    private readonly ExpressionLimits _limits;
    private readonly ExpressionThreads _threads;

    public JintExpressionEvaluator(ExpressionLimits limits)
    {
        _limits = limits;
        _threads = new ExpressionThreads(limits.Threads > 0 ? limits.Threads : Math.Max(2, Environment.ProcessorCount), limits.ThreadStackBytes);
    }

    public JsonNode? Evaluate(string source, ExpressionGlobals globals) => _threads.Run(() => EvaluateHere(source, globals));

    public string? CheckSyntax(string source) => _threads.Run(() =>
    {
        try { Prepare(source); return null; }
        catch (ExpressionException e) { return e.Reason; }
    });

    public void Dispose() => _threads.Dispose();

    private JsonNode? EvaluateHere(string source, ExpressionGlobals globals)
    {
        var script = Prepare(source);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var engine = new Engine(o =>
        {
            o.Strict()
                .DisableStringCompilation()
                .TimeoutInterval(_limits.Timeout)
                .RegexTimeoutInterval(_limits.Timeout)
                .MaxStatements(_limits.MaxStatements)
                .LimitMemory(_limits.MaxMemoryBytes)
                .LimitRecursion(_limits.MaxRecursionDepth);
            o.Constraints.StackOverflowGuard = true;
        });
        try
        {
            var stringify = ReentrancyGuard.Install(engine);
            var parser = new Jint.Native.Json.JsonParser(engine);
            engine.SetValue("input", Global(source, parser, globals.Input));
            engine.SetValue("vars", Global(source, parser, globals.Vars));
            engine.SetValue("outputs", Global(source, parser, globals.Outputs));
            engine.SetValue("initiator", globals.Initiator is null ? JsValue.Null : new JsString(globals.Initiator));
            engine.SetValue("now", new JsDate(engine, globals.Now));
            var value = engine.Evaluate(script);
            // Jint checks memory between statements; one built-in call (a huge 'x'.repeat) happens between two checks.
            CheckMemory(source, allocatedBefore);
            var result = ToJson(source, stringify, value);
            CheckMemory(source, allocatedBefore);
            return result;
        }
        catch (ExpressionException) { throw; }
        catch (RegexMatchTimeoutException e) { throw new ExpressionException(source, $"a regular expression exceeded the time limit of {_limits.Timeout.TotalMilliseconds} ms", e); }
        catch (JavaScriptException e) { throw new ExpressionException(source, $"JavaScript error: {e.Message}", e); }
        catch (Exception e) when (e is TimeoutException or ExecutionCanceledException) { throw new ExpressionException(source, $"time limit of {_limits.Timeout.TotalMilliseconds} ms exceeded", e); }
        catch (StatementsCountOverflowException e) { throw new ExpressionException(source, $"statement limit of {_limits.MaxStatements} exceeded", e); }
        catch (Exception e) when (e is MemoryLimitExceededException or OutOfMemoryException) { throw MemoryError(source, e); }
        catch (RecursionDepthOverflowException e) { throw new ExpressionException(source, $"recursion limit of {_limits.MaxRecursionDepth} exceeded", e); }
        catch (InsufficientExecutionStackException e) { throw new ExpressionException(source, "the expression nests too deeply", e); }
        catch (Exception e) when (e is JintException or InvalidOperationException or ArgumentException or JsonException or NotSupportedException)
        {
            throw new ExpressionException(source, e.Message, e);
        }
    }

    /// <summary>A global from instance data; both JSON layers refuse deep nesting (64 levels) instead of recursing further.</summary>
    private static JsValue Global(string source, Jint.Native.Json.JsonParser parser, JsonObject o)
    {
        try { return parser.Parse(o.ToJsonString()); }
        catch (Exception e) when (e is JsonException or JavaScriptException)
        {
            throw new ExpressionException(source, "the instance data is nested too deeply to give to an expression", e);
        }
    }

    private void CheckMemory(string source, long allocatedBefore)
    {
        if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MaxMemoryBytes) throw MemoryError(source, null);
    }

    private ExpressionException MemoryError(string source, Exception? inner) =>
        new(source, $"memory limit of {_limits.MaxMemoryBytes / 1024 / 1024} MB exceeded", inner);

    private Prepared<Script> Prepare(string source)
    {
        if (_cache.TryGetValue(source, out var cached)) return cached;
        if (string.IsNullOrWhiteSpace(source)) throw new ExpressionException(source, "the expression is empty");
        if (source.Length > _limits.MaxSourceLength) throw new ExpressionException(source, $"syntax error: the expression is longer than {_limits.MaxSourceLength} characters");
        try
        {
            var prepared = Engine.PrepareScript(source, strict: true);
            if (_cache.Count < 10_000) _cache.TryAdd(source, prepared);
            return prepared;
        }
        catch (Exception e) when (e is InsufficientExecutionStackException || e.InnerException is InsufficientExecutionStackException)
        {
            // The parser probes the stack itself; this is a source nested thousands of levels deep.
            throw new ExpressionException(source, "syntax error: the expression nests too deeply", e);
        }
        catch (Exception e) when (e is ParseErrorException or ScriptPreparationException or JavaScriptException)
        {
            throw new ExpressionException(source, $"syntax error: {e.Message}", e);
        }
    }

    /// <summary>
    /// The result as JSON through the guarded JSON.stringify, then parsed with a depth limit: a value nested
    /// deeper than <see cref="ExpressionLimits.MaxResultDepth"/> is an error, never a deep recursion here.
    /// </summary>
    private JsonNode? ToJson(string source, Function stringify, JsValue value)
    {
        switch (value)
        {
            case var _ when value.IsNull() || value.IsUndefined(): return null;
            case JsBoolean b: return JsonValue.Create(b.AsBoolean());
            case JsNumber n: return NumberNode(n.AsNumber());
            case JsString s: return JsonValue.Create(s.ToString());
            case var _ when value.IsDate(): return JsonValue.Create(value.AsDate().ToDateTime().ToUniversalTime().ToString("O"));
        }
        var text = stringify.Call(JsValue.Undefined, [value]);
        if (text.IsUndefined()) return null;
        try { return JsonNode.Parse(text.ToString(), documentOptions: new JsonDocumentOptions { MaxDepth = _limits.MaxResultDepth }); }
        catch (JsonException e)
        {
            throw new ExpressionException(source, $"the result nests deeper than {_limits.MaxResultDepth} levels", e);
        }
    }

    private static JsonNode NumberNode(double d) =>
        d % 1 == 0 && Math.Abs(d) < 9e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
}
