namespace Approvals.Bench;

/// <summary>Samples the thread pool every 10 ms: how many threads it had and how much work waited for one.</summary>
internal sealed class ThreadPoolSampler : IDisposable
{
    private readonly Timer _timer;
    private int _maxThreads;
    private long _maxPending;
    private long _pendingSum;
    private long _samples;

    public ThreadPoolSampler() => _timer = new Timer(_ => Sample(), null, 0, 10);

    public string Summary =>
        $"thread pool: up to {_maxThreads} threads, queued work items avg {(_samples == 0 ? 0 : _pendingSum / _samples)} / max {_maxPending}";

    private void Sample()
    {
        var threads = ThreadPool.ThreadCount;
        var pending = ThreadPool.PendingWorkItemCount;
        if (threads > _maxThreads) _maxThreads = threads;
        if (pending > _maxPending) _maxPending = pending;
        _pendingSum += pending;
        _samples++;
    }

    public void Dispose() => _timer.Dispose();
}
