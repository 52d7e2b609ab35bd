using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using static Approvals.Workflows.Tests.Office.Documents.DocumentHarness;

namespace Approvals.Workflows.Tests.Office.Documents;

/// <summary>公文文号 (rule 3): sequential per series and year, no gaps, no duplicates, also under concurrent issuance.</summary>
public sealed class DocumentNumberTests
{
    [Fact]
    public async Task Fifty_documents_issued_by_the_secretariat_at_the_same_moment_are_numbered_1_to_50()
    {
        await using var h = await CreateAsync();
        var ids = new List<string>();
        for (var n = 0; n < 50; n++) ids.Add(await h.SubmitAsync(Draft(d => d["title"] = $"关于第{n + 1}项工作的通知")));
        await Task.WhenAll(ids.Select(h.ThroughReviewsAsync));
        var issues = new List<HumanTask>();
        foreach (var id in ids) issues.Add(Assert.Single(await h.OpenAsync(id), t => t.ActivityId == "issue"));

        // Every case reaches DocumentNumber in its own burst, all at once.
        await Task.WhenAll(issues.Select(t => h.ActAsync(t.AssigneeId!, TaskActionKinds.Approve, t.Id, "同意印发")));

        var numbers = new List<string>();
        foreach (var id in ids) numbers.Add((await h.InstanceAsync(id)).State.Variables["docNo"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"区政办发〔2026〕{n}号"), numbers.OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        Assert.Equal(50, await DocumentSignoffTests.NumberOfAsync(h, "区政办发"));
        await using var ctx = h.Engine.Db.Create();
        Assert.Equal(50, await ctx.History.CountAsync(r => r.Action == "DocumentNumberAssigned"));
        foreach (var id in ids)
            Assert.EndsWith((await h.InstanceAsync(id)).State.Input["title"]!.GetValue<string>(), Assert.Single(await h.OpenAsync(id)).Title);
    }

    [Fact]
    public async Task Fifty_concurrent_first_issuances_of_a_new_series_create_its_counter_once_and_number_1_to_50()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(NumberRightAfterStart("letters", """{ "series": "区政办函" }"""));

        var started = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => h.Runtime.StartAsync("letters", [], Drafter)));

        var numbers = new List<int>();
        foreach (var i in started) numbers.Add((await h.InstanceAsync(i.Id)).State.Outputs["number"]!["number"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 50), numbers.Order());
        Assert.All(started, i => Assert.Equal(InstanceStatus.Finished, i.Status));
        await using var ctx = h.Engine.Db.Create();
        var counter = Assert.Single(ctx.DocumentCounters);
        Assert.Equal(("区政办函", 2026, 50), (counter.Series, counter.Year, counter.LastNumber));
    }

    [Fact]
    public async Task Each_series_and_year_counts_on_its_own_and_the_year_is_the_office_year()
    {
        // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing.
        await using var h = await CreateAsync(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        await h.Engine.PublishAsync(NumberRightAfterStart("fa", "{ }"));
        await h.Engine.PublishAsync(NumberRightAfterStart("han", """{ "series": "区政办函" }"""));
        await h.Engine.PublishAsync(NumberRightAfterStart("old", """{ "year": 2026, "format": "{series}〔{year}〕第{number}号", "variable": "number" }"""));

        Assert.Equal("区政办发〔2027〕1号", await DocNoAsync(h, "fa", "docNo"));
        Assert.Equal("区政办发〔2027〕2号", await DocNoAsync(h, "fa", "docNo"));
        Assert.Equal("区政办函〔2027〕1号", await DocNoAsync(h, "han", "docNo"));
        Assert.Equal("区政办发〔2026〕第1号", await DocNoAsync(h, "old", "number"));
    }

    [Fact]
    public async Task A_case_that_reaches_numbering_again_keeps_its_number()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(new FlowBuilder("twice")
            .Activity("start", "Start").Activity("first", "DocumentNumber").Activity("again", "DocumentNumber", """{ "variable": "again" }""").Activity("end", "End")
            .Connect("start", "Done", "first").Connect("first", "Done", "again").Connect("again", "Done", "end").Build());
        var id = (await h.Runtime.StartAsync("twice", [], Drafter)).Id;

        var vars = (await h.InstanceAsync(id)).State.Variables;
        Assert.Equal(("区政办发〔2026〕1号", "区政办发〔2026〕1号"), (vars["docNo"]!.GetValue<string>(), vars["again"]!.GetValue<string>()));
        Assert.Equal(1, await DocumentSignoffTests.NumberOfAsync(h, "区政办发"));
        Assert.Single(await h.HistoryAsync(id), r => r.Action == "DocumentNumberAssigned");
    }

    [Fact]
    public async Task The_same_issuance_sent_twice_at_once_uses_one_number()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ThroughReviewsAsync(id);
        var issue = Assert.Single(await h.OpenAsync(id));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try { await h.ActAsync(issue.AssigneeId!, TaskActionKinds.Approve, issue.Id, "同意印发"); return "ok"; }
            catch (ApprovalException e) { return e.Code; }
        }));

        Assert.Single(outcomes, o => o == "ok");
        Assert.Equal(1, await DocumentSignoffTests.NumberOfAsync(h, "区政办发"));
        Assert.Equal("区政办发〔2026〕1号", (await h.InstanceAsync(id)).State.Variables["docNo"]!.GetValue<string>());
        Assert.Single(await h.HistoryAsync(id), r => r.Action == "DocumentNumberAssigned");
    }

    [Fact]
    public async Task A_numbering_step_without_a_series_is_a_fault_of_the_flow_not_a_number()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(NumberRightAfterStart("broken", """{ "series": " " }"""));
        var instance = await h.Runtime.StartAsync("broken", [], Drafter);

        var details = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Faulted, details.Instance.Status);
        Assert.Contains("series", Assert.Single(details.Incidents).Message);
        await using var ctx = h.Engine.Db.Create();
        Assert.Empty(ctx.DocumentCounters);
    }

    private static Definitions.WorkflowDefinition NumberRightAfterStart(string id, string inputs) =>
        new FlowBuilder(id).Activity("start", "Start").Activity("number", "DocumentNumber", inputs).Activity("end", "End")
            .Connect("start", "Done", "number").Connect("number", "Done", "end").Build();

    private static async Task<string> DocNoAsync(DocumentHarness h, string flow, string variable)
    {
        var instance = await h.Runtime.StartAsync(flow, [], Drafter);
        return (await h.InstanceAsync(instance.Id)).State.Variables[variable]!.GetValue<string>();
    }
}
