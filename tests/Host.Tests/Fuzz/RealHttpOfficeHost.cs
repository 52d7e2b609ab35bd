using System.Net;
using Approvals.Host.Tests.Tasks;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// The <see cref="OfficeHost"/> on Kestrel at a free loopback port, so requests go over real HTTP: what Kestrel
/// itself refuses (a path holding <c>%00</c>, say) is answered as a deployed host answers it, not rejected by the
/// in-memory test server's client before it is sent.
/// </summary>
public sealed class RealHttpOfficeHost : OfficeHost
{
    public RealHttpOfficeHost()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }
}
