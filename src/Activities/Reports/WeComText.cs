using System.Text;

namespace Approvals.Activities.Reports;

/// <summary>WeCom group-robot markdown limits.</summary>
public static class WeComText
{
    /// <summary>WeCom refuses markdown longer than 4096 UTF-8 bytes; this leaves room for the cut mark.</summary>
    public const int MaxBytes = 4000;

    /// <summary>The text, cut at a character boundary (preferably a line end) to fit in <see cref="MaxBytes"/>, with "……" when cut.</summary>
    public static string Fit(string markdown, string cutMark = "\n……")
    {
        if (Encoding.UTF8.GetByteCount(markdown) <= MaxBytes) return markdown;
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(cutMark);
        var length = 0;
        var bytes = 0;
        foreach (var rune in markdown.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget) break;
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        var cut = markdown[..length];
        var line = cut.LastIndexOf('\n');
        if (line > length / 2) cut = cut[..line];
        return cut + cutMark;
    }
}
