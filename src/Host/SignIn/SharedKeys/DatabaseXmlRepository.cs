using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Approvals.Host.SignIn.SharedKeys;

/// <summary>
/// The data-protection key ring in <c>shared_keys</c> (on PostgreSQL), so that a cookie or an antiforgery token made by
/// one host is read by every other. Each key element is one row, named after the element's friendly name.
/// </summary>
public sealed class DatabaseXmlRepository(SharedKeyStore store) : IXmlRepository
{
    public const string Prefix = "data-protection:";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ValuesStartingWith(Prefix).Select(v => XElement.Parse(v)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.Add(Prefix + (string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName),
            element.ToString(SaveOptions.DisableFormatting));
}
