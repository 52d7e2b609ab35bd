using System.Collections.Concurrent;
using Approvals.Host.Tests.Tasks;
using CsCheck;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// Property: whatever a signed-in caller sends to any operation of the API, the host answers without a 5xx, and
/// every 4xx with a body is a problem document in the caller's language. The operations come from the host's own
/// <c>/openapi/v1.json</c> (paths and methods only), so a new endpoint is fuzzed the day it is mapped.
/// Each operation gets a fixed number of generated requests (<see cref="CasesWithBody"/>, <see cref="CasesWithoutBody"/>), half as a staff member
/// and half as an admin on average, against the demo office with real cases, tasks and definitions to aim at.
/// </summary>
public sealed class ApiFuzzTests(RealHttpOfficeHost host) : IClassFixture<RealHttpOfficeHost>
{
    /// <summary>
    /// Requests per operation: enough to meet each kind of malformed input a few times, bounded so the whole run stays
    /// short. Operations with a body have more to vary, so they get more.
    /// </summary>
    private const int CasesWithBody = 40, CasesWithoutBody = 20;

    /// <summary>
    /// Operations not fuzzed, each with the reason. Sign-in and sign-out are not API operations and are left out of
    /// the document (ExcludeFromDescription), so nothing needs excluding here today; the list stays so an exclusion
    /// is always written down.
    /// </summary>
    private static readonly Dictionary<string, string> Excluded = [];

    [Fact]
    public async Task No_operation_answers_bad_input_with_a_5xx_or_a_bare_error()
    {
        var admin = host.As("admin");
        var operations = (await ApiOperation.ReadAsync(admin, Ct)).Where(o => !Excluded.ContainsKey(o.ToString())).ToList();
        // The document lists every mapped endpoint; a handful would mean it was not read right.
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations in /openapi/v1.json");
        var world = await FuzzWorldSetup.CreateAsync(host);

        var failures = new ConcurrentDictionary<string, string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var client = host.As(null);
        Assert.NotEqual("localhost", client.BaseAddress?.Host); // real HTTP to Kestrel, not the in-memory server
        foreach (var operation in operations)
        {
            try
            {
                await world.Probes(operation).SampleAsync(async probe =>
                {
                    using var response = await SendAsync(client, probe);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    var broken = AnswerRules.Broken(probe, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
                    if (broken is null) return;
                    var report = $"{broken}\n  request: {probe}\n  answer: {(int)response.StatusCode} {Cut(body)}";
                    failures.TryAdd($"{operation} {broken[..Math.Min(broken.Length, 40)]}", report);
                    throw new InvalidOperationException(report);
                }, iter: operation.TakesBody ? CasesWithBody : CasesWithoutBody, threads: 1, print: p => p.ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // CsCheck's smallest failing case for this operation, after every distinct failure seen on the way.
                failures.TryAdd($"{operation} (smallest)", e.Message + (e.InnerException is { } inner ? $"\n  cause: {inner.GetType().Name}: {inner.Message}" : ""));
            }
        }

        // How deep the requests got (a run of nothing but 400s would test little), for whoever reads the output.
        TestContext.Current.TestOutputHelper?.WriteLine($"{operations.Count} operations, {statuses.Values.Sum()} requests; answers: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} failure(s):\n\n" + string.Join("\n\n", failures.OrderBy(f => f.Key).Select(f => f.Value)));
    }

    /// <summary>
    /// Sends the probe. Kestrel refuses some request lines itself (a path holding <c>%00</c>) and closes the
    /// connection, so a large body cannot be sent in full; the same request line without the body must then get
    /// Kestrel's plain 400, which shows the connection was closed by the protocol, not by a failure of the host.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, ApiProbe probe)
    {
        try
        {
            using var request = probe.ToRequest();
            return await client.SendAsync(request, Ct);
        }
        catch (HttpRequestException e) when (probe.Body is not null)
        {
            using var bodiless = (probe with { Body = null }).ToRequest();
            var response = await client.SendAsync(bodiless, Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentLength is > 0)
                throw new InvalidOperationException($"the connection was dropped while sending ({e.Message}), and without the body the answer is {(int)response.StatusCode}", e);
            return response;
        }
    }

    private static string Cut(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
