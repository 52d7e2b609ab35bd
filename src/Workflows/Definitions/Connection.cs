namespace Approvals.Workflows.Definitions;

/// <summary>Leaving <see cref="Source"/> through <see cref="Outcome"/> schedules <see cref="Target"/>.</summary>
public sealed record Connection(string Source, string Outcome, string Target);
