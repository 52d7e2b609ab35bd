namespace Approvals.Workflows.Definitions;

/// <summary>One reason a definition cannot be published, tied to an activity or connection when it has one.</summary>
/// <param name="Code">A stable machine code, e.g. <c>dangling-connection</c>.</param>
/// <param name="ActivityId">The activity the problem is on (the designer marks that node), if any.</param>
/// <param name="Message">The message in zh-CN and en.</param>
public sealed record ValidationProblem(string Code, string? ActivityId, LocalizedText Message)
{
    public override string ToString() => ActivityId is null ? $"{Code}: {Message.En}" : $"{Code} [{ActivityId}]: {Message.En}";
}
