using Approvals.Workflows.Definitions;
using Approvals.Workflows.Office;

namespace Approvals.Activities.Assets;

/// <summary>How the register's statuses are called, and the words a CSV may use for them.</summary>
public static class AssetStatusText
{
    /// <summary>The label of a status, e.g. 在用 / In use.</summary>
    public static LocalizedText Label(string status) => status switch
    {
        AssetStatuses.InUse => new("在用", "In use"),
        AssetStatuses.InTransfer => new("调换中", "In transfer"),
        AssetStatuses.Retired => new("已报废", "Retired"),
        _ => new(status, status),
    };

    /// <summary>
    /// A status as written in a CSV cell (the English name or its Chinese label, any case); null when the
    /// text names no status. InTransfer is recognised so that the importer can say it may not be set by hand.
    /// </summary>
    public static string? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "inuse" or "in use" or "在用" or "使用中" => AssetStatuses.InUse,
        "retired" or "报废" or "已报废" => AssetStatuses.Retired,
        "intransfer" or "in transfer" or "调换中" => AssetStatuses.InTransfer,
        _ => null,
    };
}
