namespace Approvals.Host.Operations;

/// <summary>A backup or restore that will not go ahead; the message says why and what to do (Chinese, then English).</summary>
public sealed class OperationRefused(string message) : Exception(message);
