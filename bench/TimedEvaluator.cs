using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Expressions;

namespace Approvals.Bench;

/// <summary>Wraps the engine's expression evaluator to count evaluations and the time they take.</summary>
internal sealed class TimedEvaluator(IExpressionEvaluator inner) : IExpressionEvaluator
{
    private long _calls;
    private long _ticks;

    public long Calls => Interlocked.Read(ref _calls);
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public JsonNode? Evaluate(string source, ExpressionGlobals globals)
    {
        var started = Stopwatch.GetTimestamp();
        try { return inner.Evaluate(source, globals); }
        finally
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        }
    }

    public string? CheckSyntax(string source) => inner.CheckSyntax(source);

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }
}
