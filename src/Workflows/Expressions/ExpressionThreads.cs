using System.Collections.Concurrent;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// A few long-lived threads with a known, large stack on which every evaluation runs. A stack overflow
/// cannot be caught in .NET, so instead of depending on the caller's stack (1.5 MB on a Linux thread-pool
/// thread, less whatever the request already used) the sandbox runs where the depth an evaluation can
/// build within its memory and statement limits fits, and where Jint's and our stack probes
/// (<see cref="ReentrancyGuard"/>) fire long before the end. Allocation is counted per thread, which is
/// exact here because nothing else runs on these threads.
/// </summary>
internal sealed class ExpressionThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly List<Thread> _threads = [];

    public ExpressionThreads(int count, int stackSizeBytes)
    {
        for (var n = 0; n < count; n++)
        {
            var thread = new Thread(Loop, stackSizeBytes) { IsBackground = true, Name = $"expression-{n}" };
            thread.Start();
            _threads.Add(thread);
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads and waits for it; its exception is rethrown here.</summary>
    public T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        using var done = new ManualResetEventSlim();
        _work.Add(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        });
        done.Wait();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result;
    }

    private void Loop()
    {
        foreach (var action in _work.GetConsumingEnumerable()) action();
    }

    public void Dispose() => _work.CompleteAdding();
}
