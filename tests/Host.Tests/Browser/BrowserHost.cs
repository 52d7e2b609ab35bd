using Approvals.Host.Tests.SignIn;

namespace Approvals.Host.Tests.Browser;

/// <summary>One real host on a real port for a class of browser tests, with the embedded sign-in and the demo office.</summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public SignInHost Host { get; } = new();
    public string Origin => Host.Origin;

    public ValueTask InitializeAsync()
    {
        Host.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A working day at least <paramref name="daysAhead"/> days from today (weekends skipped), as the form wants it.</summary>
    public static string WorkingDayAhead(int daysAhead)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(daysAhead);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        // 2026's long holidays: keep clear of them so a one-day leave has a working day in it.
        while (day is { Year: 2026, Month: 10, Day: <= 8 } or { Year: 2026, Month: 12, Day: > 30 }) day = day.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day.ToString("yyyy-MM-dd");
    }
}
