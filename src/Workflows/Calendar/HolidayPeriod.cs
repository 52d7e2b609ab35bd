namespace Approvals.Workflows.Calendar;

/// <summary>
/// A public holiday as announced in the State Council notice: a named, inclusive range of days off.
/// </summary>
/// <param name="Name">The holiday's name as the notice gives it, e.g. 国庆.</param>
/// <param name="From">The first day off (inclusive).</param>
/// <param name="To">The last day off (inclusive).</param>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>Every day of the period, from <see cref="From"/> to <see cref="To"/> inclusive.</summary>
    public IEnumerable<DateOnly> Days()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
            yield return day;
    }
}
