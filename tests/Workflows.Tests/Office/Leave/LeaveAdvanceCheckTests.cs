using System.Text.Json.Nodes;
using Approvals.Activities.Leave;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Tests.Engine;
using static Approvals.Workflows.Tests.Office.Leave.LeaveHarness;

namespace Approvals.Workflows.Tests.Office.Leave;

/// <summary>事前请假检查 on its own: half days with datetime fields, thresholds from the flow, the counter.</summary>
public sealed class LeaveAdvanceCheckTests
{
    private static readonly IBusinessCalendar Calendar = BusinessCalendar.FromDirectory(Path.Combine(EngineHarness.RepoRoot, "workflows", "calendar"));

    private static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, Shanghai);

    [Theory]
    [InlineData(9, 30, 0, 0, 10, 10, 0, 0, 3)]     // 9-30, 10-8, 10-9 (10-10 itself excluded: the range ends at its 00:00)
    [InlineData(9, 30, 0, 0, 10, 11, 0, 0, 4)]     // … and the 调休 Saturday 10-10
    [InlineData(11, 3, 8, 40, 11, 3, 12, 0, 0.5)]  // a morning
    [InlineData(11, 3, 13, 30, 11, 3, 17, 30, 0.5)] // an afternoon
    [InlineData(11, 3, 10, 0, 11, 4, 12, 0, 1.5)]  // Tuesday from mid-morning to Wednesday noon
    [InlineData(11, 3, 18, 0, 11, 4, 8, 0, 0)]     // a night
    [InlineData(11, 6, 13, 0, 11, 9, 11, 0, 1)]    // Friday afternoon to Monday morning
    public void The_counter_counts_working_days_in_halves(int m1, int d1, int h1, int min1, int m2, int d2, int h2, int min2, double expected) =>
        Assert.Equal((decimal)expected, new LeaveDayCounter(Calendar).WorkingDays(At(m1, d1, h1, min1), At(m2, d2, h2, min2)));

    [Fact]
    public void Whole_dates_count_as_the_calendar_counts_working_days()
    {
        var counter = new LeaveDayCounter(Calendar);
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2026, 12, 1); day = day.AddDays(17))
        {
            var last = day.AddDays(40);
            Assert.Equal(Calendar.WorkingDaysBetween(day, last), counter.WorkingDays(counter.Instant(day), counter.Instant(last.AddDays(1))));
        }
    }

    private static async Task<(EngineHarness Engine, string FlowId)> DateTimeFlowAsync(string checkInputs = "{}")
    {
        var engine = await EngineHarness.CreateAsync(clock: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At(11, 2, 9)));
        await engine.SeedDemoOfficeAsync();
        await engine.PublishAsync(new FlowBuilder("leave-times")
            .Field("from", FormFieldType.DateTime, required: true).Field("to", FormFieldType.DateTime, required: true)
            .Activity("start", "Start")
            .Activity("check", "LeaveAdvanceCheck", checkInputs)
            .Activity("chief", "End", """{ "result": "Chief" }""").Activity("deputy", "End", """{ "result": "Deputy" }""")
            .Activity("director", "End", """{ "result": "Director" }""")
            .Connect("start", "Done", "check").Connect("check", "Chief", "chief").Connect("check", "Deputy", "deputy").Connect("check", "Director", "director")
            .Build());
        return (engine, "leave-times");
    }

    private static async Task<(string Result, decimal Days)> RunAsync(EngineHarness engine, string from, string to)
    {
        var instance = await engine.Runtime.StartAsync("leave-times", new JsonObject { ["from"] = from, ["to"] = to }, Applicant);
        var state = (await engine.GetAsync(instance.Id)).State;
        return (instance.Result!, state.Outputs["check"]!["workingDays"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Datetime_fields_count_half_days_and_a_start_later_today_is_allowed()
    {
        var (engine, _) = await DateTimeFlowAsync("""{ "startField": "from", "endField": "to" }""");
        await using var _e = engine;
        Assert.Equal(("Chief", 0.5m), await RunAsync(engine, "2026-11-02T14:00", "2026-11-02T17:30"));
        Assert.Equal(("Deputy", 1.5m), await RunAsync(engine, "2026-11-02T14:00:00+08:00", "2026-11-03T17:30:00+08:00"));
        var past = await Assert.ThrowsAsync<ApprovalException>(() => RunAsync(engine, "2026-11-02T08:30", "2026-11-02T12:00"));
        Assert.Equal("leave-start-past", past.Code);
        Assert.Contains("2026-11-02 08:30", past.Text.ZhCN);
        Assert.Equal("leave-end-before-start", (await Assert.ThrowsAsync<ApprovalException>(() => RunAsync(engine, "2026-11-03T14:00", "2026-11-03T14:00"))).Code);
    }

    [Fact]
    public async Task The_thresholds_are_inputs_of_the_check()
    {
        var (engine, _) = await DateTimeFlowAsync("""{ "startField": "from", "endField": "to", "chiefMaxDays": 0.5, "deputyMaxDays": 2 }""");
        await using var _e = engine;
        Assert.Equal(("Chief", 0.5m), await RunAsync(engine, "2026-11-03T08:40", "2026-11-03T12:00"));
        Assert.Equal(("Deputy", 1m), await RunAsync(engine, "2026-11-03T08:40", "2026-11-03T17:30"));
        Assert.Equal(("Director", 2.5m), await RunAsync(engine, "2026-11-03T08:40", "2026-11-05T12:00"));
    }

    [Fact]
    public void The_check_shows_its_defaults_and_outcomes_to_the_designer()
    {
        var d = new Approvals.Workflows.Activities.ActivityRegistry([typeof(LeaveAdvanceCheck).Assembly]).Find("LeaveAdvanceCheck")!;
        Assert.Equal(["Chief", "Deputy", "Director"], d.Outcomes.Select(o => o.Name));
        Assert.Equal("start", d.Inputs.Single(i => i.Name == "startField").Default!.GetValue<string>());
        Assert.Equal(1m, d.Inputs.Single(i => i.Name == "chiefMaxDays").Default!.GetValue<decimal>());
        Assert.Equal(3m, d.Inputs.Single(i => i.Name == "deputyMaxDays").Default!.GetValue<decimal>());
        Assert.Equal("leaveDays", d.Inputs.Single(i => i.Name == "daysVariable").Default!.GetValue<string>());
    }
}
