using System.Text;

namespace Approvals.Host.SignIn;

/// <summary>
/// The one rule for every place that follows a return URL (sign-in, the login page, the language switch): only a
/// path on this host is followed, and it leaves here percent-encoded (ASCII only, so it is a valid Location header);
/// anything else becomes <c>/</c>. Browsers are lenient where servers are strict: they drop tabs and newlines inside
/// a URL, read <c>\</c> as <c>/</c> and <c>//x</c> as another host, so <c>/\t/evil</c> or <c>/\evil</c> would leave
/// the site. Such input, and its percent-encoded forms, is refused rather than repaired.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    /// <summary>Long enough for an authorization request with its parameters; a longer one is not a return address.</summary>
    public const int MaxLength = 4096;

    /// <summary>A same-origin path for <paramref name="url"/>, encoded for a Location header; <see cref="Home"/> when it is anything else.</summary>
    public static string Safe(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !IsSafePath(url)) return Home;
        // The path may arrive percent-encoded already (it was in a query string); decoding it must not reveal
        // another host either (a second decoder further on would otherwise see //evil).
        var decoded = url;
        for (var i = 0; i < 3 && decoded.Contains('%'); i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded) break;
            if (!IsSafePath(next)) return Home;
            decoded = next;
        }
        var encoded = Encode(url);
        return IsSafePath(encoded) ? encoded : Home;
    }

    private static readonly Uri SomeOrigin = new("http://origin.invalid/");

    /// <summary>Starts with one <c>/</c>, has no backslash and no control character anywhere (a browser drops or reinterprets those).</summary>
    private static bool IsSafePath(string url)
    {
        if (url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\')) return false;
        foreach (var c in url)
            if (c == '\\' || char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
                return false;
        // Resolved against some origin it stays there, and dot segments (/.//x) leave no path that reads as a host.
        return Uri.TryCreate(SomeOrigin, url, out var resolved) && resolved.Scheme == SomeOrigin.Scheme && resolved.Authority == SomeOrigin.Authority
               && !resolved.AbsolutePath.StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>Keeps URL syntax and valid <c>%XX</c> escapes; everything else (non-ASCII as UTF-8, spaces, quotes) is percent-encoded.</summary>
    private static string Encode(string url)
    {
        var sb = new StringBuilder(url.Length + 16);
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == '%' && i + 2 < url.Length && Uri.IsHexDigit(url[i + 1]) && Uri.IsHexDigit(url[i + 2]))
                sb.Append(c);
            else if (c < 128 && (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?#".Contains(c)))
                sb.Append(c);
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                    ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                    : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
                foreach (var b in bytes[..length]) sb.Append('%').Append(b.ToString("X2"));
            }
        }
        return sb.ToString();
    }
}
