using System.Collections.Concurrent;
using System.Net;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// Slows password guessing on the login page, per login AND source (the client's address): a guesser elsewhere
/// cannot lock the real person out. <see cref="FreeAttempts"/> wrong passwords are answered; then the pair is
/// held for <see cref="FirstHold"/>, doubling with every further wrong password up to <see cref="LongestHold"/>.
/// A right password clears the pair. Each attempt takes its place before the password is checked
/// (<see cref="TryBegin"/>), under the entry's lock, so concurrent guesses are counted exactly. In memory, per host:
/// hosts sharing a database each count their own.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan FirstHold = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestHold = TimeSpan.FromHours(1);

    /// <summary>A pair with no failure for this long starts again from nothing.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromHours(24);

    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<(string Login, string Source), Entry> _entries = new(KeyComparer.Instance);

    private sealed class Entry
    {
        public int Failures, InFlight;
        public DateTimeOffset HeldUntil, LastFailure;
    }

    /// <summary>The right to check one password, or (null) the time the pair may try again.</summary>
    public sealed class Attempt(LoginThrottle owner, object entry)
    {
        private int _done;

        /// <summary>The password was wrong: counted, and the hold begins or doubles.</summary>
        public void Failed() => Finish(failed: true);

        /// <summary>The password was right: the pair starts from nothing.</summary>
        public void Succeeded() => Finish(failed: false, clear: true);

        /// <summary>Not decided (the request was cancelled): the place is given back.</summary>
        public void Abandon() => Finish(failed: false);

        private void Finish(bool failed, bool clear = false)
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            owner.Finish((Entry)entry, failed, clear);
        }
    }

    /// <summary>
    /// An attempt for <paramref name="login"/> from <paramref name="source"/>, or null with <paramref name="retryAt"/>
    /// when the pair is held or its remaining free attempts are all being checked right now.
    /// </summary>
    public Attempt? TryBegin(string login, IPAddress? source, out DateTimeOffset retryAt)
    {
        var key = (login.Trim(), SourceOf(source));
        var now = clock.GetUtcNow();
        Sweep(now);
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry());
            lock (entry)
            {
                // Swept away between the lookup and the lock: take the one in the table now.
                if (!_entries.TryGetValue(key, out var current) || current != entry) continue;
                if (Decide(entry, now, out retryAt)) return new Attempt(this, entry);
                return null;
            }
        }
    }

    /// <summary>Under the entry's lock: takes a place for one more check, or says when to come back.</summary>
    private static bool Decide(Entry entry, DateTimeOffset now, out DateTimeOffset retryAt)
    {
        if (entry.Failures > 0 && now - entry.LastFailure >= Forget && entry.InFlight == 0)
        {
            entry.Failures = 0;
            entry.HeldUntil = default;
        }
        // Below the free attempts as many may be checked at once as are left; after a hold, one at a time.
        var allowed = Math.Max(FreeAttempts, entry.Failures + 1);
        if (now < entry.HeldUntil || entry.Failures + entry.InFlight >= allowed)
        {
            retryAt = now < entry.HeldUntil ? entry.HeldUntil : now + FirstHold;
            return false;
        }
        entry.InFlight++;
        retryAt = now;
        return true;
    }

    private void Finish(Entry entry, bool failed, bool clear)
    {
        var now = clock.GetUtcNow();
        lock (entry)
        {
            entry.InFlight--;
            if (clear)
            {
                entry.Failures = 0;
                entry.HeldUntil = default;
            }
            else if (failed)
            {
                entry.Failures++;
                entry.LastFailure = now;
                if (entry.Failures >= FreeAttempts) entry.HeldUntil = now + Hold(entry.Failures);
            }
        }
    }

    /// <summary>How long the pair is held after its <paramref name="failures"/>th wrong password: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan Hold(int failures)
    {
        var doublings = Math.Min(failures - FreeAttempts, 16);
        var hold = FirstHold * Math.Pow(2, Math.Max(0, doublings));
        return hold < LongestHold ? hold : LongestHold;
    }

    /// <summary>The client's address; an IPv4 address mapped into IPv6 is the IPv4 address.</summary>
    private static string SourceOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>Forgets quiet pairs when there are many (a guesser trying many logins must not fill the memory).</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (_entries.Count <= SweepAbove) return;
        foreach (var (key, entry) in _entries)
            lock (entry)
                if (entry.InFlight == 0 && now >= entry.HeldUntil && (entry.Failures == 0 || now - entry.LastFailure >= Forget))
                    _entries.TryRemove(key, out _);
    }

    private sealed class KeyComparer : IEqualityComparer<(string Login, string Source)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Login, string Source) x, (string Login, string Source) y) =>
            string.Equals(x.Login, y.Login, StringComparison.OrdinalIgnoreCase) && x.Source == y.Source;

        public int GetHashCode((string Login, string Source) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Login), key.Source);
    }
}
