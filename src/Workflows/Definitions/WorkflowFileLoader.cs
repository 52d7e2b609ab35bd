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
        var seen = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var text = await File.ReadAllTextAsync(file, ct);
                var id = WorkflowJson.Parse(text, name).Id;
                if (seen.TryGetValue(id, out var first))
                {
                    log.LogError("Workflow file {File} was not loaded: its id '{Id}' is already used by {First}", name, id, first);
                    results.Add(new(name, FileLoadStatus.Invalid, null, [$"duplicate id '{id}' (also in {first})"]));
                    continue;
                }
                seen[id] = name;
                var published = await definitions.PublishFileAsync(text, name, ct);
                if (published is null)
                    results.Add(new(name, FileLoadStatus.Unchanged, null, []));
                else
                {
                    log.LogInformation("Published {File} as {DefinitionId} v{Version}", name, published.Definition.Id, published.Info.Version);
                    results.Add(new(name, FileLoadStatus.Published, published.Info.Version, []));
                }
            }
            catch (WorkflowFormatException e)
            {
                log.LogError("Workflow file {File} was not loaded: {Problem}", name, e.Text.En);
                results.Add(new(name, FileLoadStatus.Invalid, null, [e.Text.En]));
            }
            catch (ApprovalException e)
            {
                var problems = e.Problems.Count > 0 ? e.Problems.Select(p => p.ToString()).ToList() : [e.Text.En];
                log.LogError("Workflow file {File} was not loaded: {Problems}", name, string.Join("; ", problems));
                results.Add(new(name, FileLoadStatus.Invalid, null, problems));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreadable file must not keep the host from starting.
                log.LogError(e, "Workflow file {File} was not loaded", name);
                results.Add(new(name, FileLoadStatus.Invalid, null, [e.Message]));
            }
        }
        return results;
    }
}

/// <summary>What startup loading did with one file.</summary>
public sealed record FileLoadResult(string File, FileLoadStatus Status, int? Version, IReadOnlyList<string> Problems);

public enum FileLoadStatus { Published, Unchanged, Invalid }
