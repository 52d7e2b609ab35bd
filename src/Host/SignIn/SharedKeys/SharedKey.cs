namespace Approvals.Host.SignIn.SharedKeys;

/// <summary>
/// A key that every host on one PostgreSQL database must use (table <c>shared_keys</c>): the data-protection key ring's
/// elements (cookies, antiforgery) and the embedded provider's signing and encryption keys. Written once, never changed.
/// </summary>
public sealed class SharedKey
{
    /// <summary><c>data-protection:key-…</c>, <c>provider:signing</c>, <c>provider:encryption</c>.</summary>
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
