using System.Text;
using System.Text.Json.Nodes;
using Approvals.Activities.Reports;
using Approvals.Workflows.Activities;

namespace Approvals.Workflows.Tests.Office.Reports;

/// <summary>The small text helpers of the reports: placeholders, WeCom's size limit, report months.</summary>
public sealed class ReportTextTests
{
    [Fact]
    public void Placeholders_take_text_as_is_null_as_empty_and_anything_else_as_json()
    {
        JsonNode? Eval(JsExpression e) => e.Source switch
        {
            "input.name" => "郑爽",
            "input.none" => null,
            "input.list" => new JsonArray(1, 2),
            _ => JsonValue.Create(42),
        };
        Assert.Equal("郑爽：42 [1,2] .", TemplateText.Fill("{{ input.name }}：{{ 6*7 }} {{input.list}} {{ input.none }}.", Eval));
    }

    [Fact]
    public void Long_markdown_is_cut_to_what_WeCom_accepts()
    {
        var text = string.Concat(Enumerable.Range(0, 400).Select(n => $"- 第{n}行：督办件逾期通报\n"));
        var fitted = WeComText.Fit(text);
        Assert.True(Encoding.UTF8.GetByteCount(fitted) <= 4096);
        Assert.EndsWith("\n……", fitted);
        Assert.Equal("短消息", WeComText.Fit("短消息"));
    }

    [Fact]
    public void The_previous_month_is_counted_in_Beijing_time()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Beijing.
        Assert.Equal(new ReportMonth(2026, 12), ReportMonth.Previous(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), zone));
        Assert.Equal(new ReportMonth(2026, 11), ReportMonth.Previous(new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero), zone));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), new ReportMonth(2026, 11).StartUtc(zone));
        Assert.Equal("invalid-month", Assert.Throws<ApprovalException>(() => ReportMonth.Create(2026, 13)).Code);
    }
}
