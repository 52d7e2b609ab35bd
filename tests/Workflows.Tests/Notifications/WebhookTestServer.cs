using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>
/// A WeCom robot webhook on 127.0.0.1: keeps every body posted to it and answers
/// <c>{"errcode":0,"errmsg":"ok"}</c> unless told to fail the next requests.
/// </summary>
internal sealed class WebhookTestServer : IAsyncDisposable
{
    private const string Ok = """{"errcode":0,"errmsg":"ok"}""";
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();
    private TaskCompletionSource? _held;
    private TaskCompletionSource? _heldArrived;

    public WebhookTestServer()
    {
        (_listener, Url) = Listen();
        _serving = ServeAsync();
    }

    /// <summary>The webhook address, with a key in the query as WeCom's has.</summary>
    public string Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>Answers the next request with WeCom's "errcode" failure.</summary>
    public void FailNextWithErrcode(int errcode = 93000) =>
        _answers.Enqueue((200, $$"""{"errcode":{{errcode}},"errmsg":"invalid webhook url"}"""));

    /// <summary>Answers the next request with an HTTP error.</summary>
    public void FailNextWithStatus(int status = 500) => _answers.Enqueue((status, "internal error"));

    /// <summary>
    /// Holds the answer to the next request until the returned release is set; <c>Arrived</c>
    /// completes when that request has been received.
    /// </summary>
    public (Task Arrived, TaskCompletionSource Release) HoldNext()
    {
        _heldArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (_heldArrived.Task, _held);
    }

    private static (HttpListener, string) Listen()
    {
        // HttpListener cannot pick a port itself: take a free one from the system, and try again if it was taken meanwhile.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, $"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=test-key");
            }
            catch (HttpListenerException) when (attempt < 5) { listener.Close(); }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                Bodies.Enqueue(await reader.ReadToEndAsync());
            if (Interlocked.Exchange(ref _held, null) is { } release)
            {
                _heldArrived!.TrySetResult();
                await release.Task;
            }
            var (status, body) = _answers.TryDequeue(out var answer) ? answer : (200, Ok);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (!_listener.IsListening) { }
    }

    public async ValueTask DisposeAsync()
    {
        _held?.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
