namespace Approvals.Activities.Assets;

/// <summary>What a CSV import did: rows added, rows changed (of which <see cref="Moved"/> changed section), rows given unchanged.</summary>
public sealed record AssetImportResult(int Added, int Updated, int Unchanged, int Moved);
