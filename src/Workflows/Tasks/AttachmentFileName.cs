using System.Globalization;
using System.Text;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// The name an attachment is shown and downloaded with. It is only ever a label: the file on disk is
/// named by the attachment id, so nothing here has to make a name safe for the file system.
/// </summary>
public static class AttachmentFileName
{
    /// <summary>Longest display name kept, in UTF-16 code units.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Keeps the last path segment (browsers have sent whole client paths, with either separator), drops
    /// control and format characters (a right-to-left override can make "exe.pdf" read as "fdp.exe"),
    /// trims spaces and trailing dots, and caps the length, keeping the extension. Empty when nothing is left.
    /// </summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var sb = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse) continue;
            sb.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }
        var clean = sb.ToString().Trim().TrimEnd('.', ' ');
        if (clean.Length <= MaxLength) return clean;
        var extension = Path.GetExtension(clean);
        if (extension.Length > 20) extension = "";
        return Cut(clean[..^extension.Length], MaxLength - extension.Length).TrimEnd() + extension;
    }

    /// <summary>The extension of a (sanitized) name, lower-case and without the dot; empty when there is none.</summary>
    public static string ExtensionOf(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    /// <summary>The longest prefix of whole text elements (no split surrogate pair or combining mark) within <paramref name="max"/>.</summary>
    private static string Cut(string text, int max)
    {
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > max) break;
            end = next;
        }
        return text[..end];
    }
}
