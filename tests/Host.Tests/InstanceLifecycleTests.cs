using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>The sample flow end to end: start, wait for the outside signal, decide, finish; and cancelling.</summary>
public sealed class InstanceLifecycleTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Start_suspends_the_instance_at_the_wait_for_the_confirmation_signal()
    {
        var docNo = NewDocNo();

        var started = await _client.StartSampleAsync(docNo);

        Assert.Equal("Suspended", (string?)started["status"]);
        Assert.Equal(SampleId, (string?)started["definitionId"]);
        Assert.Equal(1, (int?)started["definitionVersion"]);
        Assert.Null(started["result"]);
        var view = await _client.InstanceAsync((string)started["id"]!);
        Assert.Equal("Suspended", (string?)view["instance"]!["status"]);
        var position = Assert.Single(view["position"].Items());
        Assert.Equal("waitConfirmation", (string?)position["activityId"]);
        Assert.Equal("Signal:confirmed", (string?)position["name"]);
        Assert.Equal(docNo, (string?)position["correlationKey"]);
        Assert.Equal(docNo, (string?)view["input"]!["docNo"]);
        Assert.Equal(1200m, (decimal?)view["input"]!["amount"]);
        Assert.Contains(view["journal"].Items(), j => (string?)j["kind"] == "InstanceStarted");
        Assert.Contains(view["journal"].Items(), j => (string?)j["kind"] == "BookmarkCreated" && (string?)j["activityId"] == "waitConfirmation");
    }

    [Fact]
    public async Task Confirmed_signal_with_approval_finishes_the_instance_as_Approved()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var signal = await _client.SignalAsync("confirmed", docNo, new { approved = true });

        Assert.Equal(1, (int?)signal["resumed"]);
        Assert.Equal([id], signal["instances"].Items().Select(i => (string)i!));
        var view = await _client.InstanceAsync(id);
        Assert.Equal("Finished", (string?)view["instance"]!["status"]);
        Assert.Equal("Approved", (string?)view["instance"]!["result"]);
        Assert.NotNull(view["instance"]!["finishedAt"]);
        Assert.Empty(view["position"].Items());
        Assert.Equal(true, (bool?)view["variables"]!["confirmation"]!["approved"]);
        var journal = view["journal"].Items().ToList();
        Assert.Contains(journal, j => (string?)j["kind"] == "ActivityCompleted" && (string?)j["activityId"] == "isApproved" && (string?)j["outcome"] == "True");
        Assert.Contains(journal, j => (string?)j["kind"] == "BookmarkResumed" && (string?)j["activityId"] == "waitConfirmation");
        Assert.Contains(journal, j => (string?)j["kind"] == "InstanceFinished");
        Assert.DoesNotContain(journal, j => (string?)j["activityId"] == "endRejected");
    }

    [Fact]
    public async Task Confirmed_signal_without_approval_finishes_the_instance_as_Rejected()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var signal = await _client.SignalAsync("confirmed", docNo, new { approved = false });

        Assert.Equal(1, (int?)signal["resumed"]);
        var view = await _client.InstanceAsync(id);
        Assert.Equal("Finished", (string?)view["instance"]!["status"]);
        Assert.Equal("Rejected", (string?)view["instance"]!["result"]);
        Assert.Contains(view["journal"].Items(), j => (string?)j["kind"] == "ActivityCompleted" && (string?)j["activityId"] == "isApproved" && (string?)j["outcome"] == "False");
    }

    [Fact]
    public async Task Signal_for_another_correlation_key_or_name_resumes_nothing()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var otherKey = await _client.SignalAsync("confirmed", NewDocNo(), new { approved = true });
        var otherName = await _client.SignalAsync("paid", docNo, new { approved = true });
        var noKey = await _client.SignalAsync("confirmed", null, new { approved = true });

        Assert.Equal(0, (int?)otherKey["resumed"]);
        Assert.Equal(0, (int?)otherName["resumed"]);
        Assert.Equal(0, (int?)noKey["resumed"]);
        var view = await _client.InstanceAsync(id);
        Assert.Equal("Suspended", (string?)view["instance"]!["status"]);
        Assert.Equal("waitConfirmation", (string?)Assert.Single(view["position"].Items())["activityId"]);
    }

    [Fact]
    public async Task A_second_signal_for_a_finished_instance_resumes_nothing()
    {
        var docNo = NewDocNo();
        await _client.StartSampleAsync(docNo);
        Assert.Equal(1, (int?)(await _client.SignalAsync("confirmed", docNo, new { approved = true }))["resumed"]);

        var again = await _client.SignalAsync("confirmed", docNo, new { approved = false });

        Assert.Equal(0, (int?)again["resumed"]);
    }

    [Fact]
    public async Task One_signal_resumes_every_instance_waiting_on_its_key()
    {
        var docNo = NewDocNo();
        var first = (string)(await _client.StartSampleAsync(docNo))["id"]!;
        var second = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var signal = await _client.SignalAsync("confirmed", docNo, new { approved = true });

        Assert.Equal(2, (int?)signal["resumed"]);
        Assert.Equal(new[] { first, second }.Order(), signal["instances"].Items().Select(i => (string)i!).Order());
    }

    [Fact]
    public async Task Cancelling_a_suspended_instance_ends_it_and_later_signals_resume_nothing()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var cancelled = await (await _client.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "撤回" }, Ct)).JsonAsync();

        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        var view = await _client.InstanceAsync(id);
        Assert.Equal("Cancelled", (string?)view["instance"]!["status"]);
        Assert.Empty(view["position"].Items());
        Assert.Contains(view["journal"].Items(), j => (string?)j["kind"] == "InstanceCancelled" && (string?)j["message"] == "撤回");
        var signal = await _client.SignalAsync("confirmed", docNo, new { approved = true });
        Assert.Equal(0, (int?)signal["resumed"]);
        Assert.Equal("Cancelled", (string?)(await _client.InstanceAsync(id))["instance"]!["status"]);
    }

    [Fact]
    public async Task Cancelling_without_a_body_works_too()
    {
        var id = (string)(await _client.StartSampleAsync(NewDocNo()))["id"]!;

        var cancelled = await (await _client.PostAsync($"/api/instances/{id}/cancel", null, Ct)).JsonAsync();

        Assert.Equal("Cancelled", (string?)cancelled["status"]);
    }

    [Fact]
    public async Task Instances_are_listed_with_filters()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;

        var suspended = await _client.GetJsonAsync($"/api/instances?definitionId={SampleId}&status=Suspended&pageSize=200");

        Assert.Contains(suspended["items"].Items(), i => (string?)i["id"] == id);
        Assert.All(suspended["items"].Items(), i => Assert.Equal("Suspended", (string?)i["status"]));
        Assert.True((int)suspended["total"]! >= 1);
    }
}
