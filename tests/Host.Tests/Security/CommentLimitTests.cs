using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Security;

/// <summary>
/// One limit on what a person writes into a case, everywhere: every task action's comment, a withdrawal's and a
/// cancellation's reason, a case comment and an out-of-office note take 2,000 characters and refuse 2,001 with
/// 400 <c>comment-too-long</c>, "意见不能超过 2000 字" (in English when asked).
/// </summary>
public sealed class CommentLimitTests(OfficeHost host) : IClassFixture<OfficeHost>
{
    private static readonly string Longest = new('意', 2000), TooLong = new('意', 2001);
    private readonly HttpClient _staff = host.As(Staff);
    private readonly HttpClient _chief = host.As(StaffChief);

    /// <summary>The body of an action on the chief's task, with the fields the action needs besides the comment.</summary>
    private static object Body(string action, string comment) => action switch
    {
        "transfer" or "delegate" => new { comment, user = Bystander },
        "add-signer" => new { comment, users = new[] { Bystander }, position = "before" },
        "cc" => new { comment, users = new[] { Bystander } },
        _ => new { comment },
    };

    private static async Task TooLongAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "comment-too-long");
        Assert.Equal("意见不能超过 2000 字", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("return")]
    [InlineData("transfer")]
    [InlineData("delegate")]
    [InlineData("add-signer")]
    [InlineData("cc")]
    public async Task A_task_action_takes_a_2000_character_comment_and_refuses_2001(string action)
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        await TooLongAsync(await _chief.ActAsync(taskId, action, Body(action, TooLong)));
        Assert.Equal("Open", (string?)(await _chief.TodoTaskAsync(id))["status"]);

        await (await _chief.ActAsync(taskId, action, Body(action, Longest))).JsonAsync();
        var timeline = (await _staff.CaseAsync(id))["timeline"].Items();
        Assert.Contains(timeline, h => (string?)h["comment"] == Longest);
    }

    [Fact]
    public async Task Urging_from_the_task_takes_2000_characters_and_refuses_2001()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        await TooLongAsync(await _staff.ActAsync(taskId, "urge", new { comment = TooLong }));
        await (await _staff.ActAsync(taskId, "urge", new { comment = Longest })).JsonAsync();
    }

    [Fact]
    public async Task Claiming_and_releasing_a_pool_task_take_2000_characters_and_refuse_2001()
    {
        var member = host.As(Colleague);
        var id = await PoolFlow.StartAsync(host.As("admin"), host.As("yangfan"));
        var taskId = (string)(await member.TodoTaskAsync(id))["id"]!;

        await TooLongAsync(await member.ActAsync(taskId, "claim", new { comment = TooLong }));
        await (await member.ActAsync(taskId, "claim", new { comment = Longest })).JsonAsync();
        await TooLongAsync(await member.ActAsync(taskId, "release", new { comment = TooLong }));
        await (await member.ActAsync(taskId, "release", new { comment = Longest })).JsonAsync();
    }

    [Fact]
    public async Task Withdrawing_takes_a_2000_character_reason_and_refuses_2001()
    {
        var id = await _staff.StartLeaveAsync();

        await TooLongAsync(await _staff.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { reason = TooLong }, Ct));
        Assert.Equal("Suspended", (string?)(await _staff.CaseAsync(id))["case"]!["status"]);
        var withdrawn = await (await _staff.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { reason = Longest }, Ct)).JsonAsync();
        Assert.Equal("Withdrawn", (string?)withdrawn["result"]);
    }

    [Fact]
    public async Task A_case_comment_takes_2000_characters_and_refuses_2001_as_every_action()
    {
        var id = await _staff.StartLeaveAsync();

        await TooLongAsync(await _staff.PostAsJsonAsync($"/api/requests/{id}/comments", new { text = TooLong }, Ct));
        await (await _staff.PostAsJsonAsync($"/api/requests/{id}/comments", new { text = Longest }, Ct)).JsonAsync();
        // Characters, not UTF-16 units: 2,000 characters outside the basic plane fit too.
        var emoji = string.Concat(Enumerable.Repeat("😀", 2000));
        await (await _staff.PostAsJsonAsync($"/api/requests/{id}/comments", new { text = emoji }, Ct)).JsonAsync();
        Assert.Contains((await _staff.CaseAsync(id))["timeline"].Items(), h => (string?)h["comment"] == emoji);
    }

    [Fact]
    public async Task An_admins_cancellation_reason_takes_2000_characters_and_refuses_2001()
    {
        var id = await _staff.StartLeaveAsync();
        var admin = host.As("admin");

        await TooLongAsync(await admin.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = TooLong }, Ct));
        var cancelled = await (await admin.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = Longest }, Ct)).JsonAsync();
        Assert.Equal("Cancelled", (string?)cancelled["status"]);
    }

    [Fact]
    public async Task An_out_of_office_note_takes_2000_characters_and_refuses_2001()
    {
        object Period(string reason) => new { from = "2026-12-21T08:40:00+08:00", to = "2026-12-22T17:30:00+08:00", delegateId = Colleague, reason };

        await TooLongAsync(await _staff.PostAsJsonAsync("/api/org/out-of-office", Period(TooLong), Ct));
        Assert.Empty((await _staff.GetJsonAsync("/api/org/out-of-office")).AsArray());
        var created = await (await _staff.PostAsJsonAsync("/api/org/out-of-office", Period(Longest), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Longest, (string?)created["reason"]);
    }

    [Fact]
    public async Task The_message_is_in_English_when_asked()
    {
        var id = await _staff.StartLeaveAsync();
        var taskId = (string)(await _chief.TodoTaskAsync(id))["id"]!;

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/approve") { Content = JsonContent.Create(new { comment = TooLong }) }
            .WithLanguage("en");
        var problem = await (await _chief.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "comment-too-long");
        Assert.Equal("a comment cannot be longer than 2000 characters", (string?)problem["title"]);
    }
}
