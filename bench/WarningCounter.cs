using Microsoft.Extensions.Logging;

namespace Approvals.Bench;

/// <summary>A logger provider that counts warnings and errors and shows the first few on stderr.</summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private const int Shown = 5;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(WarningCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            if (Interlocked.Increment(ref owner._count) <= Shown)
                Console.Error.WriteLine($"  [{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
