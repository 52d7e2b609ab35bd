namespace Approvals.Workflows.Calendar;

/// <summary>
/// A calendar data file could not be read or its content is invalid. The message names the file so
/// an admin who edited it knows which one to fix.
/// </summary>
public sealed class CalendarDataException : Exception
{
    /// <summary>Creates the exception for a file.</summary>
    /// <param name="filePath">The offending file.</param>
    /// <param name="message">What is wrong with it; the file name is prepended.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public CalendarDataException(string filePath, string message, Exception? innerException = null)
        : base($"Calendar file '{filePath}' is invalid: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The path of the file that failed.</summary>
    public string FilePath { get; }
}
