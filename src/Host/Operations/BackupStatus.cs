using System.Text.Json;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Operations;

/// <summary>The last scheduled backup's result, kept in <c>&lt;Paths:Data&gt;/backup-status.json</c> so a restart still knows it.</summary>
public sealed record BackupStatus(DateTimeOffset At, bool Ok, string Folder, long Bytes, string? Error, DateTimeOffset? LastSuccessAt)
{
    public const string FileName = "backup-status.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static BackupStatus? Read(string dataFolder)
    {
        var file = Path.Combine(dataFolder, FileName);
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<BackupStatus>(File.ReadAllText(file), Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Written to a temporary file and moved into place, so a reader never sees half a file.</summary>
    public void Write(string dataFolder)
    {
        var file = Path.Combine(dataFolder, FileName);
        var partial = file + ".part";
        File.Delete(partial);
        using (var stream = new FileStream(partial, PrivateFiles.NewFile()))
            JsonSerializer.Serialize(stream, this, Json);
        File.Move(partial, file, overwrite: true);
    }
}
