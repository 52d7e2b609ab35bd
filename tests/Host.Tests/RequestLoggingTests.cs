using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Core;
using Serilog.Events;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// The request log line carries the status the caller actually got. Errors the caller caused are
/// answered as 4xx and logged as information, without a stack trace; they are not failures of the host.
/// </summary>
public sealed class RequestLoggingTests
{
    private sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();
        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    private static object? Scalar(LogEvent e, string name) => ((ScalarValue)e.Properties[name]).Value;

    [Fact]
    public async Task Answered_caller_errors_are_logged_with_their_status_and_not_as_errors()
    {
        var sink = new CapturingSink();
        // The request logger goes to this test's sink (not the process-wide static Serilog logger, which
        // hosts running in parallel share).
        await using var host = new HostFactory();
        using var factory = host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<RequestLoggingOptions>(o => o.Logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())));
        var client = factory.CreateClient();
        var missing = $"/api/instances/{Guid.NewGuid():N}";

        await (await client.GetAsync(missing, Ct)).ProblemAsync(HttpStatusCode.NotFound, "instance-not-found");
        await (await client.PostAsync("/api/instances", Raw("{ nope"), Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await client.StartSampleAsync(NewDocNo());

        var requests = sink.Events
            .Where(e => e.Properties.ContainsKey("RequestPath"))
            .Select(e => (Line: $"{Scalar(e, "RequestMethod")} {Scalar(e, "RequestPath")} {Scalar(e, "StatusCode")}", Event: e))
            .ToList();
        Assert.Equal([$"GET {missing} 404", "POST /api/instances 400", "POST /api/instances 201"], requests.Select(r => r.Line));
        Assert.All(requests, r => Assert.Equal(LogEventLevel.Information, r.Event.Level));
        Assert.All(requests, r => Assert.Null(r.Event.Exception));
        Assert.DoesNotContain(sink.Events, e => e.Level >= LogEventLevel.Error);
    }
}
