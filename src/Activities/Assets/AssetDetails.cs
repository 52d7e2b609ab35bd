using Approvals.Workflows.Office;

namespace Approvals.Activities.Assets;

/// <summary>An asset with every move it made between sections, oldest first.</summary>
public sealed record AssetDetails(AssetEntry Asset, IReadOnlyList<AssetMove> Moves);
