namespace Approvals.Host.Tests.SignIn;

/// <summary>The development-only <c>X-Acting-User</c> header works only in Development with <c>Auth:AllowDevHeader=true</c>.</summary>
public sealed class DevHeaderTests
{
    private static async Task<HttpResponseMessage> CountsAsActingUserAsync(SignInHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Url("/api/tasks/counts"));
        request.Headers.Add("X-Acting-User", SignInFlows.Staff);
        using var http = new HttpClient();
        return await http.SendAsync(request, Api.Ct);
    }

    [Fact]
    public async Task In_production_the_header_is_ignored_even_when_allowed()
    {
        await using var host = new SignInHost(settings: new Dictionary<string, string?> { ["Auth:AllowDevHeader"] = "true" }, environment: "Production").Start();
        await (await CountsAsActingUserAsync(host)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task In_development_the_header_names_the_caller_only_when_allowed()
    {
        await using (var allowed = new SignInHost(settings: new Dictionary<string, string?> { ["Auth:AllowDevHeader"] = "true" }).Start())
            await (await CountsAsActingUserAsync(allowed)).JsonAsync();
        await using var notAllowed = new SignInHost().Start();
        await (await CountsAsActingUserAsync(notAllowed)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
