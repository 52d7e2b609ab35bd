using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Approvals.Bench;

/// <summary>
/// Counts what EF Core does against the database, by phase, from its DiagnosticListener (no change to
/// the engine): commands with their durations, connection opens, and transaction begin/commit times.
/// BEGIN is BEGIN IMMEDIATE on SQLite, so its duration is the wait for the write lock.
/// </summary>
internal sealed partial class EfActivity : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<(string Phase, string What), Tally> _tallies = new();
    private readonly ConcurrentDictionary<string, string> _names = new();

    public EfActivity() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public volatile string Phase = "setup";

    public sealed class Tally
    {
        public long Count;
        public long Ticks;
        public double TotalMs => TimeSpan.FromTicks(Interlocked.Read(ref Ticks)).TotalMilliseconds;
    }

    public Tally Get(string phase, string what) => _tallies.GetOrAdd((phase, what), _ => new Tally());

    /// <summary>Per-statement tallies of a phase, largest total time first.</summary>
    public IEnumerable<(string Sql, Tally Tally)> Statements(string phase) =>
        _tallies.Where(kv => kv.Key.Phase == phase && kv.Key.What.StartsWith("sql: ", StringComparison.Ordinal))
            .Select(kv => (kv.Key.What[5..], kv.Value)).OrderByDescending(x => x.Value.Ticks);

    /// <summary>How often each EF event fired in a phase, most frequent first.</summary>
    public IEnumerable<(string Event, long Count)> Events(string phase) =>
        _tallies.Where(kv => kv.Key.Phase == phase && kv.Key.What.StartsWith("event: ", StringComparison.Ordinal))
            .Select(kv => (kv.Key.What[7..], kv.Value.Count)).OrderByDescending(x => x.Count);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        var phase = Phase;
        Add(phase, _names.GetOrAdd(e.Key, k => "event: " + k[(k.LastIndexOf('.', k.LastIndexOf('.') - 1) + 1)..]), TimeSpan.Zero);
        switch (e.Value)
        {
            case CommandExecutedEventData c:
                Add(phase, "commands", c.Duration);
                Add(phase, _names.GetOrAdd(c.Command.CommandText, sql => "sql: " + Shorten(sql)), c.Duration);
                break;
            case ConnectionEndEventData c when e.Key == RelationalEventId.ConnectionOpened.Name:
                Add(phase, "connection opens", c.Duration);
                break;
            case TransactionEndEventData t when e.Key == RelationalEventId.TransactionStarted.Name:
                Add(phase, "BEGIN (write-lock wait)", t.Duration);
                break;
            case TransactionEndEventData t when e.Key == RelationalEventId.TransactionCommitted.Name:
                Add(phase, "COMMIT", t.Duration);
                break;
        }
    }

    private void Add(string phase, string what, TimeSpan duration)
    {
        var t = Get(phase, what);
        Interlocked.Increment(ref t.Count);
        Interlocked.Add(ref t.Ticks, duration.Ticks);
    }

    private static string Shorten(string sql)
    {
        var flat = Whitespace().Replace(sql, " ").Trim();
        flat = Parameters().Replace(flat, "@p");
        return flat.Length <= 110 ? flat : flat[..110] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameters();

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
            foreach (var s in _subscriptions) s.Dispose();
    }
}
