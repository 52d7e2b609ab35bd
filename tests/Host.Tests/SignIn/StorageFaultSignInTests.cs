using Microsoft.Data.Sqlite;
using static Approvals.Host.Tests.SignIn.SignInFlows;

namespace Approvals.Host.Tests.SignIn;

/// <summary>Signing in while the database is locked: <c>/connect/authorize</c> answers a Chinese page with the fault, not a raw JSON 500.</summary>
public sealed class StorageFaultSignInTests : IAsyncDisposable
{
    private readonly SignInHost _host = new SignInHost(settings: CliClientSettings()).Start();

    [Fact]
    public async Task Authorize_on_a_locked_database_is_a_chinese_page_with_503()
    {
        using var browser = new Browser();
        await browser.SignInAsync(_host.Origin, Staff);
        await using var locker = new SqliteConnection($"Data Source={_host.Folder.DatabaseFile};Pooling=False");
        await locker.OpenAsync(Api.Ct);
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(Api.Ct);
        }

        var authorize = $"{_host.Origin}/connect/authorize?client_id={CliClient}&response_type=code&scope=openid" +
                        $"&redirect_uri={Uri.EscapeDataString(CliRedirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s";
        var page = await browser.GetAsync(authorize, u => u.GetLeftPart(UriPartial.Path) == CliRedirect);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("数据库正忙", page.Body);
        Assert.DoesNotContain("\"status\"", page.Body);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
