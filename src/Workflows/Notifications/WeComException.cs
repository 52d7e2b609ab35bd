namespace Approvals.Workflows.Notifications;

/// <summary>WeCom refused a robot message (HTTP error or non-zero <c>errcode</c>).</summary>
public sealed class WeComException(string message) : Exception(message);
