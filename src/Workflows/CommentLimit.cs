namespace Approvals.Workflows;

/// <summary>
/// The one limit on free text a person adds to a case: every task action's comment (approve, reject, return,
/// transfer, delegate, add signer, copy, claim, release, urge), a withdrawal's or cancellation's reason, a case
/// comment and an out-of-office note. Counted in characters (code points), so 2,000 汉字 fit exactly.
/// </summary>
public static class CommentLimit
{
    public const int MaxLength = 2000;

    /// <summary>The text unchanged when it fits (null and empty fit); otherwise 400 <c>comment-too-long</c>.</summary>
    public static string? Check(string? text) =>
        // The UTF-16 length is never below the code-point count, so only long texts need counting.
        text is { Length: > MaxLength } && text.EnumerateRunes().Count() > MaxLength
            ? throw ApprovalException.Invalid("comment-too-long", $"意见不能超过 {MaxLength} 字", $"a comment cannot be longer than {MaxLength} characters")
            : text;
}
