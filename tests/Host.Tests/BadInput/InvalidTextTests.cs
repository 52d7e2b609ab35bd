using System.Net.Http.Headers;
using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.BadInput;

/// <summary>
/// A body that is not text is refused where bodies are read, for every JSON body alike: a lone surrogate escape
/// (<c>"\ud800"</c>, which System.Text.Json reads but cannot decode or write) or bytes that are not UTF-8. Before,
/// each of these was a 500 from wherever the string was first touched.
/// </summary>
public sealed class InvalidTextTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private const string Lone = "\\ud800";

    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        { "POST", "/api/requests", $$$"""{"definitionId":"{{{Lone}}}"}""" },
        { "POST", "/api/requests", $$$"""{"definitionId":"{{{OfficeHost.LeaveFlowId}}}","input":{"reason":"探亲{{{Lone}}}","days":1}}""" },
        { "POST", "/api/requests", $$$"""{"definitionId":"{{{OfficeHost.LeaveFlowId}}}","input":{"{{{Lone}}}":1}}""" },
        { "POST", "/api/instances", $$$"""{"definitionId":"{{{SampleId}}}","input":{"docNo":"{{{Lone}}}","amount":1}}""" },
        { "POST", "/api/instances", $$$"""{"definitionId":"{{{SampleId}}}","input":{"x\udc00":1}}""" },
        { "POST", "/api/requests/any-case/comments", $$$"""{"text":"a{{{Lone}}}b"}""" },
        { "POST", "/api/requests/any-case/withdraw", $$$"""{"reason":"{{{Lone}}}"}""" },
        { "POST", "/api/instances/any-case/cancel", $$$"""{"reason":"{{{Lone}}}"}""" },
        { "POST", "/api/tasks/any-task/approve", $$$"""{"comment":"{{{Lone}}}"}""" },
        { "POST", "/api/org/out-of-office", $$$"""{"from":"2026-11-02T08:40:00+08:00","to":"2026-11-03T08:40:00+08:00","delegateId":"chenxiaoyu","reason":"{{{Lone}}}"}""" },
        { "POST", "/api/org/out-of-office", $$$"""{"userId":"\udfff\ud800"}""" },
        { "POST", "/api/signals", $$$"""{"name":"confirmed","correlationKey":"DOC-1","payload":{"note":"{{{Lone}}}"}}""" },
        { "POST", "/api/signals", $$$"""{"name":"{{{Lone}}}"}""" },
        { "POST", "/api/org/import", $$$"""{"sections":[],"users":[{"id":"u1","name":"{{{Lone}}}","section":"secretariat"}],"groups":[]}""" },
        { "POST", "/api/definitions/import", $$$"""{"id":"x","name":{"zh-CN":"{{{Lone}}}","en":""}}""" },
        { "POST", "/api/definitions/validate", $$$"""{"id":"x","category":"{{{Lone}}}"}""" },
        { "PUT", $"/api/definitions/{SampleId}/draft", $$$"""{"id":"{{{SampleId}}}","category":"\ud83d"}""" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task A_lone_surrogate_anywhere_in_a_json_body_is_a_400_invalid_text(string method, string url, string body)
    {
        var client = host.As(url.Contains("/requests") || url.Contains("/out-of-office") ? OfficeHost.Staff : "admin");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Raw(body) }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-text");
        Assert.StartsWith("请求内容含有无效的文本：第 ", (string?)problem["title"]);
    }

    [Fact]
    public async Task The_invalid_text_problem_names_the_position_and_is_in_english_when_asked_for()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests/any-case/comments") { Content = Raw($$$"""{"text":"{{{Lone}}}"}""") }
            .WithLanguage("en");

        var problem = await (await host.As(OfficeHost.Staff).SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-text");

        Assert.Equal("the request body holds invalid text: the string at byte 9 has an unpaired surrogate escape (such as \\ud800), which stands for no character",
            (string?)problem["title"]);
    }

    [Fact]
    public async Task A_paired_surrogate_escape_is_text_and_is_kept()
    {
        var staff = host.As(OfficeHost.Staff);
        var id = await staff.StartLeaveAsync();

        var response = await staff.PostAsync($"/api/requests/{id}/comments", Raw("""{"text":"好的 \ud83d\ude00"}"""), Ct);

        await response.JsonAsync();
        Assert.Contains((await staff.CaseAsync(id))["timeline"].Items(), h => ((string?)h["comment"])?.Contains("好的 😀") == true);
    }

    [Theory]
    [InlineData("/api/requests", "application/json")]
    [InlineData("/api/org/import", "application/json")]
    [InlineData("/api/org/import", "text/csv")]
    [InlineData("/api/assets/import", "text/csv")]
    public async Task A_body_that_is_not_utf8_is_a_400_naming_the_byte(string url, string mediaType)
    {
        // "{"x":"" then a GBK-encoded 中文 (not UTF-8), as a spreadsheet saved in the local code page would send it.
        byte[] bytes = [.. "{\"x\":\""u8, 0xD6, 0xD0, 0xCE, 0xC4, .. "\"}"u8];
        var content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };
        var client = host.As(url == "/api/requests" ? OfficeHost.Staff : "admin");

        var problem = await (await client.PostAsync(url, content, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-text");

        Assert.Equal("请求内容不是有效的 UTF-8 文本（第 7 个字节）；请以 UTF-8 编码发送", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_not_part_of_the_json()
    {
        var staff = host.As(OfficeHost.Staff);
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes($$$"""{"definitionId":"{{{OfficeHost.LeaveFlowId}}}","input":{"reason":"探亲","days":1}}""")];
        var content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        await (await staff.PostAsync("/api/requests", content, Ct)).JsonAsync(HttpStatusCode.Created);
    }
}
