using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Definitions;

/// <summary>
/// Publishes <c>workflows/*.json</c> at startup: a new or changed file (by content hash) becomes a new
/// version, an unchanged one does nothing, and an invalid one is logged with its problems while the
/// others still load.
/// </summary>
public sealed class WorkflowFileLoader(WorkflowDefinitions definitions, ILogger<WorkflowFileLoader> log)
{
    /// <summary>Loads every <c>*.json</c> directly in <paramref name="directory"/>; returns what happened to each file.</summary>
    public async Task<IReadOnlyList<FileLoadResult>> LoadDirectoryAsync(string directory, CancellationToken ct = default)
    {
        var results = new List<FileLoadResult>();
        if (!Directory.Exists(directory))
        {
            log.LogWarning("Workflow folder {Directory} does not exist; no flows loaded from files", directory);
            return results;
        }
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var published = await definitions.PublishFileAsync(await File.ReadAllTextAsync(file, ct), name, ct);
                if (published is null)
                    results.Add(new(name, FileLoadStatus.Unchanged, null, []));
                else
                {
                    log.LogInformation("Published {File} as {DefinitionId} v{Version}", name, published.Definition.Id, published.Info.Version);
                    results.Add(new(name, FileLoadStatus.Published, published.Info.Version, []));
                }
            }
            catch (ApprovalException e)
            {
                var problems = e.Problems.Count > 0 ? e.Problems.Select(p => p.ToString()).ToList() : [e.Text.En];
                log.LogError("Workflow file {File} was not loaded: {Problems}", name, string.Join("; ", problems));
                results.Add(new(name, FileLoadStatus.Invalid, null, problems));
            }
        }
        return results;
    }
}

/// <summary>What startup loading did with one file.</summary>
public sealed record FileLoadResult(string File, FileLoadStatus Status, int? Version, IReadOnlyList<string> Problems);

public enum FileLoadStatus { Published, Unchanged, Invalid }
