namespace Approvals.Workflows.Office;

/// <summary>The last document number issued in a series and year (区政办发〔2026〕12号 → series 区政办发, year 2026, 12).</summary>
public sealed class DocumentCounter
{
    public string Series { get; set; } = "";
    public int Year { get; set; }
    public int LastNumber { get; set; }
}
