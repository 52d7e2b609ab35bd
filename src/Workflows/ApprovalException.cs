using Approvals.Workflows.Definitions;

namespace Approvals.Workflows;

/// <summary>
/// The one error type the services throw for things a caller did wrong or must know about; the host
/// turns <see cref="Kind"/> into an HTTP status and <see cref="Text"/> into the user's language.
/// </summary>
public class ApprovalException(ErrorKind kind, string code, LocalizedText text, Exception? inner = null) : Exception(text.En, inner)
{
    public ErrorKind Kind { get; } = kind;
    /// <summary>A stable machine code, e.g. <c>bookmark-consumed</c>.</summary>
    public string Code { get; } = code;
    public LocalizedText Text { get; } = text;
    /// <summary>Per-field messages (form validation), keyed by field key.</summary>
    public IReadOnlyDictionary<string, LocalizedText> FieldErrors { get; init; } = new Dictionary<string, LocalizedText>();
    /// <summary>Definition problems (publish/validate).</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];

    public static ApprovalException NotFound(string code, string zh, string en) => new(ErrorKind.NotFound, code, new(zh, en));
    public static ApprovalException Invalid(string code, string zh, string en) => new(ErrorKind.Invalid, code, new(zh, en));
    public static ApprovalException Conflict(string code, string zh, string en) => new(ErrorKind.Conflict, code, new(zh, en));
    public static ApprovalException Unauthenticated() => new(ErrorKind.Unauthenticated, "unauthenticated", new("请先登录", "please sign in first"));
    public static ApprovalException Forbidden(string code, string zh, string en) => new(ErrorKind.Forbidden, code, new(zh, en));
}

/// <summary>The families of <see cref="ApprovalException"/>; <see cref="Unavailable"/>: try again in a moment (the data is busy).</summary>
public enum ErrorKind { Invalid, NotFound, Conflict, Forbidden, Unauthenticated, TooManyRequests, Unavailable }
