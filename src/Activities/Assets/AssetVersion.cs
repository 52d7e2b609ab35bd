using Approvals.Workflows.Office;

namespace Approvals.Activities.Assets;

/// <summary>
/// The version of a register row. Every change moves <see cref="Asset.UpdatedAt"/> strictly forward, so the
/// value read identifies the row as it was; a transfer case that reserves the asset writes a row keyed by
/// it (see <see cref="ReservationKey"/>), and two cases that read the same version cannot both commit.
/// </summary>
internal static class AssetVersion
{
    /// <summary>Marks a change at <paramref name="now"/>: never earlier than 1 ms after the previous change, even with a clock that stands still.</summary>
    public static void Touch(Asset asset, DateTimeOffset now)
    {
        var floor = asset.UpdatedAt.AddMilliseconds(1);
        var at = now.UtcDateTime;
        asset.UpdatedAt = at >= floor ? at : floor;
    }

    /// <summary>
    /// The key of the reservation of <paramref name="asset"/> at the version it was read in (call before
    /// <see cref="Touch"/>). Unique per asset and version: the database refuses a second row with it.
    /// </summary>
    public static string ReservationKey(Asset asset) => $"asset-{asset.Code}-{asset.UpdatedAt.Ticks}";
}
