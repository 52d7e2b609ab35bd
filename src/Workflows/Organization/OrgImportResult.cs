namespace Approvals.Workflows.Organization;

/// <summary>What an import did: counts per kind of row.</summary>
public sealed record OrgImportResult(ImportCounts Sections, ImportCounts Users, ImportCounts Groups);

/// <summary>Rows added, rows whose values changed, and rows given again unchanged.</summary>
public sealed record ImportCounts(int Added, int Updated, int Unchanged)
{
    public static readonly ImportCounts None = new(0, 0, 0);
}
