using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Startup;

/// <summary>
/// Migrates the engine's database only when this binary knows every migration already applied to it: a database a newer
/// version has migrated is refused (its tables may mean what this build cannot know), unless <c>Storage:AllowNewerSchema</c>
/// is <c>true</c>. Every migration applied now is logged by name, and the schema the host runs on.
/// </summary>
public static class SchemaGuard
{
    public static async Task MigrateAsync(ApprovalsDb db, IConfiguration config, ILogger log, CancellationToken ct)
    {
        IReadOnlyList<string> applied, known;
        await using (var ctx = db.Create())
        {
            applied = [.. await ctx.Database.GetAppliedMigrationsAsync(ct)];
            known = [.. ctx.Database.GetMigrations()];
        }
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            if (!config.GetValue("Storage:AllowNewerSchema", false))
                throw new SchemaRefusedException(unknown, known.LastOrDefault());
            log.LogWarning("The database carries migrations this version does not know ({Unknown}); starting anyway because Storage:AllowNewerSchema is true",
                string.Join(", ", unknown));
        }
        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        await db.MigrateAsync(ct);
        foreach (var name in pending) log.LogInformation("Migration applied: {Migration}", name);
        log.LogInformation("Database schema {Schema} ({Applied} migrations, {New} applied now)",
            known.LastOrDefault() ?? "-", known.Count, pending.Count);
    }
}

/// <summary>The database is newer than this binary: the host must not start on it.</summary>
public sealed class SchemaRefusedException(IReadOnlyList<string> unknown, string? latestKnown) : Exception(
    $"数据库来自更新的版本，本程序不认识其中的迁移：{string.Join("、", unknown)}（本程序最新的迁移：{latestKnown ?? "无"}）。" +
    "请运行更新的版本，或从与本版本匹配的备份恢复；确需在此数据库上运行时设置 Storage:AllowNewerSchema=true。 / " +
    $"The database was migrated by a newer version: this binary does not know its migrations {string.Join(", ", unknown)} " +
    $"(its latest is {latestKnown ?? "none"}). Run the newer version, or restore a backup matching this one; to run on it anyway " +
    "set Storage:AllowNewerSchema=true.")
{
    public IReadOnlyList<string> Unknown { get; } = unknown;
}
