using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Approvals.Host.SignIn.Provider;

/// <summary>
/// The embedded provider's keys: an RSA key (PEM) that signs tokens (RS256, what every OpenID Connect client supports)
/// and an AES key that encrypts the provider's own authorization codes and refresh tokens. On SQLite they are kept under
/// <c>&lt;Paths:Data&gt;/keys</c> (folder 700, files 600); on PostgreSQL in the database (<see cref="SharedKeys.SharedKeyStore"/>),
/// so that every host signs with the same key. Created on first start; a restart or another host uses the same keys,
/// so tokens stay valid. Key ids are derived from the keys, the same on every host.
/// </summary>
public static class ProviderKeys
{
    public const string SigningName = "provider:signing", EncryptionName = "provider:encryption";

    public static RsaSecurityKey SigningKey(string folder)
    {
        var file = Path.Combine(folder, "signing-key.pem");
        EnsureFile(file, NewSigningPem);
        return SigningKeyFrom(File.ReadAllText(file));
    }

    public static SymmetricSecurityKey EncryptionKey(string folder)
    {
        var file = Path.Combine(folder, "encryption-key.txt");
        EnsureFile(file, NewEncryptionText);
        return EncryptionKeyFrom(File.ReadAllText(file));
    }

    /// <summary>The keys kept in the database (PostgreSQL), made by the first host that asks.</summary>
    public static (RsaSecurityKey Signing, SymmetricSecurityKey Encryption) FromDatabase(SharedKeys.SharedKeyStore store) =>
        (SigningKeyFrom(store.GetOrCreate(SigningName, NewSigningPem)), EncryptionKeyFrom(store.GetOrCreate(EncryptionName, NewEncryptionText)));

    private static string NewSigningPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string NewEncryptionText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static RsaSecurityKey SigningKeyFrom(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    private static SymmetricSecurityKey EncryptionKeyFrom(string text)
    {
        var bytes = Convert.FromBase64String(text.Trim());
        return new SymmetricSecurityKey(bytes) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(bytes))[..16] };
    }

    /// <summary>Writes the file once (600, via a temporary file so a second host never reads half a key).</summary>
    private static void EnsureFile(string file, Func<string> create)
    {
        CreatePrivateFolder(Path.GetDirectoryName(file)!);
        if (File.Exists(file)) return;
        var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream)) writer.Write(create());
        try
        {
            File.Move(temp, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another host created it first: use theirs.
            File.Delete(temp);
        }
    }

    /// <summary>Creates the folder readable by the owner only (and narrows it when it already exists).</summary>
    public static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
