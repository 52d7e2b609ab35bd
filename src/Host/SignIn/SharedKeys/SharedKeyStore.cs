using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.SignIn.SharedKeys;

/// <summary>
/// Reads and writes <see cref="SharedKey"/> rows on the engine's database (the sign-in context's table). A key is
/// inserted with <c>ON CONFLICT DO NOTHING</c> and read back, so two hosts that both create one end up with the first
/// one written, even outside the startup lock. Synchronous as well, for the data-protection repository and options.
/// </summary>
public sealed class SharedKeyStore(StorageOptions storage, TimeProvider clock)
{
    /// <summary>The key named <paramref name="name"/>, written with <paramref name="create"/>'s value if there is none yet.</summary>
    public string GetOrCreate(string name, Func<string> create)
    {
        using var ctx = SignInDbContext.Create(storage);
        if (Find(ctx, name) is { } existing) return existing;
        Insert(ctx, name, create());
        return Find(ctx, name) ?? throw new InvalidOperationException($"the shared key {name} could not be stored");
    }

    /// <summary>The values of the keys whose names start with <paramref name="prefix"/>, oldest first.</summary>
    public IReadOnlyList<string> ValuesStartingWith(string prefix)
    {
        using var ctx = SignInDbContext.Create(storage);
        return ctx.SharedKeys.AsNoTracking().Where(k => k.Name.StartsWith(prefix)).OrderBy(k => k.CreatedAt).ThenBy(k => k.Name)
            .Select(k => k.Value).ToList();
    }

    /// <summary>Adds a key unless one of that name exists (then the existing one stays).</summary>
    public void Add(string name, string value)
    {
        using var ctx = SignInDbContext.Create(storage);
        Insert(ctx, name, value);
    }

    private static string? Find(SignInDbContext ctx, string name) =>
        ctx.SharedKeys.AsNoTracking().Where(k => k.Name == name).Select(k => k.Value).FirstOrDefault();

    private void Insert(SignInDbContext ctx, string name, string value)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Both providers know ON CONFLICT … DO NOTHING (SQLite since 3.24).
        ctx.Database.ExecuteSql($"""INSERT INTO shared_keys ("Name", "Value", "CreatedAt") VALUES ({name}, {value}, {now}) ON CONFLICT ("Name") DO NOTHING""");
    }
}
