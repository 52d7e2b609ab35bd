using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.BadInput;

/// <summary>
/// A query value the framework cannot bind is a 400 that says, in the caller's language, which parameter, the value
/// and what it should be, instead of the framework's English message about <c>Nullable&lt;int&gt;</c>.
/// </summary>
public sealed class QueryValueTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Theory]
    [InlineData("/api/instances?page=first", "参数 page 的值“first”无效：应为整数")]
    [InlineData("/api/definitions/sample-external-confirmation/export?version=9999999999", "参数 version 的值“9999999999”无效：应为整数")]
    [InlineData("/api/cc?unread=yes", "参数 unread 的值“yes”无效：应为 true 或 false")]
    [InlineData("/api/instances?status=Sleeping", "参数 status 的值“Sleeping”无效：应为 Running、Suspended、Finished、Cancelled、Faulted 之一")]
    public async Task A_query_value_of_the_wrong_type_is_named_in_chinese(string url, string title)
    {
        var problem = await (await _admin.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "bad-request");

        Assert.Equal(title, (string?)problem["title"]);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_named_in_english_when_asked_for()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks/todo?pageSize=%E4%B8%AD%E6%96%87").WithLanguage("en");

        var problem = await (await _admin.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "bad-request");

        Assert.Equal("the value '中文' of parameter pageSize is not valid: expected a whole number", (string?)problem["title"]);
    }
}
