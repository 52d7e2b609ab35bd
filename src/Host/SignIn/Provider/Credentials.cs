using Approvals.Workflows.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.SignIn.Provider;

/// <summary>A password of the embedded provider (table <c>user_credentials</c>); <see cref="UserId"/> is the login.</summary>
public sealed class UserCredential
{
    public string UserId { get; set; } = "";
    /// <summary>ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> format (PBKDF2, salted).</summary>
    public string PasswordHash { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}

/// <summary>
/// The embedded provider's passwords. It authenticates logins only; whether a login is a member of the organisation
/// is decided by the host as client (the same rule as for an external provider). Scoped (one context per request).
/// </summary>
public sealed class CredentialStore(SignInDbContext db, IPasswordHasher<UserCredential> hasher, TimeProvider clock)
{
    // Verified against when the login does not exist, so a wrong login takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserCredential>().HashPassword(new UserCredential(), Guid.NewGuid().ToString()));

    /// <summary>The stored login for <paramref name="login"/> when the password is right, else null.</summary>
    public async Task<string?> VerifyAsync(string login, string password, CancellationToken ct = default)
    {
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.UserId == login, ct);
        if (credential is null)
        {
            hasher.VerifyHashedPassword(new UserCredential(), DummyHash.Value, password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(credential, credential.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            credential.PasswordHash = hasher.HashPassword(credential, password);
            await db.SaveChangesAsync(ct);
        }
        return credential.UserId;
    }

    public Task<bool> ExistsAsync(string userId, CancellationToken ct = default) => db.Credentials.AnyAsync(c => c.UserId == userId, ct);

    /// <summary>Sets (or replaces) a user's password.</summary>
    public async Task SetPasswordAsync(string userId, string password, CancellationToken ct = default)
    {
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (credential is null) db.Credentials.Add(credential = new UserCredential { UserId = userId });
        credential.PasswordHash = hasher.HashPassword(credential, password);
        credential.ChangedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveAsync(string userId, CancellationToken ct = default) =>
        await db.Credentials.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Gives each active organisation user without a password the demo password; returns how many got it. One hash
    /// (one salt) serves them all: the password is public anyway, and hashing is deliberately slow.
    /// </summary>
    public async Task<int> SeedDemoPasswordsAsync(IEnumerable<OrgUser> users, string password, CancellationToken ct = default)
    {
        var have = (await db.Credentials.Select(c => c.UserId).ToListAsync(ct)).ToHashSet();
        var missing = users.Where(u => u.Active && !have.Contains(u.Id)).Select(u => u.Id).Distinct().ToList();
        if (missing.Count == 0) return 0;
        var hash = hasher.HashPassword(new UserCredential(), password);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Credentials.AddRange(missing.Select(id => new UserCredential { UserId = id, PasswordHash = hash, ChangedAt = now }));
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
