namespace Approvals.Host.Components.Designer;

/// <summary>
/// The size of an activity on the canvas and where its ports sit. The canvas places ports from these
/// numbers (no measuring in the browser, so a 150-activity flow opens without hundreds of JS calls), and
/// the stylesheet draws them at the same offsets.
/// </summary>
public static class NodeGeometry
{
    public const double Width = 200;
    public const double HeaderHeight = 48;
    public const double RowHeight = 22;
    public const double PortSize = 12;

    /// <summary>The node's height for a number of outcome ports (at least one row).</summary>
    public static double Height(int outcomes) => HeaderHeight + Math.Max(outcomes, 1) * RowHeight + 6;

    /// <summary>Top-left of the input port, relative to the node.</summary>
    public static (double X, double Y) InPort => (-PortSize / 2, HeaderHeight / 2 - PortSize / 2);

    /// <summary>Top-left of the outcome port in row <paramref name="index"/>, relative to the node.</summary>
    public static (double X, double Y) OutPort(int index) => (Width - PortSize / 2, HeaderHeight + index * RowHeight + (RowHeight - PortSize) / 2);
}
