using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Approvals.Host.Operations;

/// <summary>
/// <c>manifest.json</c> of a backup folder: what wrote it, the database's schema (the last applied engine migration),
/// the row count of every table and a SHA-256 of every file, so <c>restore</c> can prove the backup whole before it
/// replaces anything.
/// </summary>
public sealed record BackupManifest(
    string Product,
    string ProductVersion,
    DateTimeOffset CreatedAt,
    string Database,
    string? Schema,
    string? SignInSchema,
    SortedDictionary<string, long> Counts,
    SortedDictionary<string, string> Files)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFile = "approvals.db";
    public const string PostgresDump = "approvals.pgdump";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BackupManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every file under <paramref name="folder"/> except the manifest, by its '/'-separated relative path.</summary>
    public static SortedDictionary<string, string> Checksums(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative == FileName) continue;
            files[relative] = Sha256(file);
        }
        return files;
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
