using System.Text;
using System.Text.Json.Nodes;
using Approvals.Activities.Supervision;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Reports;

/// <summary>
/// 逾期事项月度通报 (rules 6 and 8), key <c>overdue</c>: every task that was overdue at some point of the
/// month (its deadline passed and it was still open then), supervision items marked as such, grouped by
/// section and owner: how many, how late in working days, which reached the director and which were put
/// on the report by the escalation ladder.
/// </summary>
/// <remarks>
/// A task counts when its deadline fell before the end of the month (or before now, for the current month)
/// and it was done after its deadline and not before the month began, or is still open. Cancelled tasks
/// (a step decided by someone else, a withdrawn case) and tasks waiting their turn do not count.
/// "Reported" is the ladder's per-task mark (<see cref="SupervisionLadder.ReportedOverdueAction"/>), or, for
/// plain steps with a report rung, the case's <c>reportedOverdue</c> mark on a task escalated to the director.
/// </remarks>
/// <param name="services">Gives the working-day calendar when a report is built (not at startup, so a host
/// whose calendar data is missing still starts).</param>
public sealed class OverdueMonthlyReport(ApprovalsDb db, IOrganization org, TimeProvider clock, IServiceProvider services) : IMonthlyReport
{
    /// <summary>The report's key in the API.</summary>
    public const string ReportKey = "overdue";

    private const int MaxTitleChars = 40;

    /// <inheritdoc />
    public string Key => ReportKey;

    /// <inheritdoc />
    public LocalizedText Title { get; } = new("逾期事项通报（含督办件）", "Overdue work (incl. supervision items)");

    /// <inheritdoc />
    public async Task<MonthlyReport> BuildAsync(int year, int month, CancellationToken ct = default)
    {
        var period = ReportMonth.Create(year, month);
        var calendar = services.GetService<IBusinessCalendar>();
        var zone = OfficeTime.Zone(calendar);
        var start = period.StartUtc(zone).UtcDateTime;
        var end = period.EndUtc(zone).UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        var asOf = now < end ? now : end;

        await using var ctx = db.Create();
        var tasks = await ctx.Tasks.AsNoTracking()
            .Where(t => t.DueAt != null && t.DueAt < asOf
                        && (t.Status == HumanTaskStatus.Open || (t.Status == HumanTaskStatus.Completed && t.CompletedAt > t.DueAt && t.CompletedAt >= start)))
            .ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var definitionIds = tasks.Select(t => t.DefinitionId).Distinct().ToList();

        var director = await org.DirectorAsync(ct);
        var history = await ctx.History.AsNoTracking()
            .Where(h => h.TaskId != null && taskIds.Contains(h.TaskId) && h.At < end
                        && ((h.Action == "Escalated" && h.ToUserId == director) || h.Action == SupervisionLadder.ReportedOverdueAction))
            .Select(h => new { h.TaskId, h.Action }).ToListAsync(ct);
        var toDirector = history.Where(h => h.Action == "Escalated").Select(h => h.TaskId!).ToHashSet();
        var reported = history.Where(h => h.Action == SupervisionLadder.ReportedOverdueAction).Select(h => h.TaskId!).ToHashSet();

        var marks = new Dictionary<string, (bool Supervision, bool Reported)>();
        foreach (var i in await ctx.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).Select(i => new { i.Id, i.StateJson }).ToListAsync(ct))
        {
            var properties = InstanceState.Deserialize(i.StateJson).Properties;
            marks[i.Id] = (SupervisionRecord.Read(properties) is not null, properties["reportedOverdue"] is JsonValue v && v.TryGetValue(out bool b) && b);
        }
        var flowNames = (await ctx.DefinitionVersions.AsNoTracking().Where(v => definitionIds.Contains(v.DefinitionId) && v.IsPublished)
                .Select(v => new { v.DefinitionId, v.Version, v.NameZh }).ToListAsync(ct))
            .GroupBy(v => v.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!.NameZh);

        var users = (await org.UsersAsync(ct)).ToDictionary(u => u.Id);
        var sections = await org.SectionsAsync(ct);
        var sectionOrder = sections.Select((s, n) => (s.Id, n)).ToDictionary(x => x.Id, x => x.n);
        var sectionNames = sections.ToDictionary(s => s.Id, s => s.NameZh);

        var items = tasks.Select(t =>
        {
            var open = t.CompletedAt is null || t.CompletedAt >= end;
            var lateUntil = open ? asOf : t.CompletedAt!.Value;
            // The month's end is exclusive (local midnight): a task still open is counted up to the month's last day.
            var lastDay = Local(lateUntil, zone) is var d && d > period.LastDay ? period.LastDay : d;
            var late = OfficeTime.WorkingDaysBetween(Local(t.DueAt!.Value, zone).AddDays(1), lastDay, calendar);
            var (supervision, instanceReported) = marks.GetValueOrDefault(t.InstanceId);
            var escalated = toDirector.Contains(t.Id);
            var item = new OverdueItem(t.InstanceId, t.Id, t.DefinitionId, flowNames.GetValueOrDefault(t.DefinitionId, t.DefinitionId), t.ActivityId, t.Title,
                t.DueAt.Value, t.CompletedAt, open, late, supervision, escalated, reported.Contains(t.Id) || (instanceReported && escalated));
            var owner = t.AssigneeId;
            var section = owner is not null && users.TryGetValue(owner, out var u) ? u.SectionId : t.PoolSectionId;
            return (Section: section, Owner: owner, Item: item);
        }).ToList();

        var rows = items.GroupBy(x => (x.Section, x.Owner))
            .Select(g =>
            {
                var list = g.Select(x => x.Item).OrderByDescending(i => i.WorkingDaysLate).ThenBy(i => i.DueAt).ToList();
                var section = g.Key.Section;
                return new OverdueOwnerRow(section, section is null ? "（未知科室）" : sectionNames.GetValueOrDefault(section, section),
                    g.Key.Owner, g.Key.Owner is null ? "（科室任务池，未认领）" : users.TryGetValue(g.Key.Owner, out var u) ? u.Name : g.Key.Owner,
                    list.Count, list.Count(i => i.IsSupervision), list.Count(i => i.StillOpen), list.Sum(i => i.WorkingDaysLate),
                    list.Max(i => i.WorkingDaysLate), list.Count(i => i.EscalatedToDirector), list.Count(i => i.ReportedOverdue), list);
            })
            .OrderBy(r => r.SectionId is null ? int.MaxValue : sectionOrder.GetValueOrDefault(r.SectionId, int.MaxValue - 1))
            .ThenByDescending(r => r.Count).ThenBy(r => r.OwnerName, StringComparer.Ordinal)
            .ToList();

        return new MonthlyReport(Key, year, month, Title, rows.Cast<object>().ToList(), Markdown(period, rows));
    }

    private static DateOnly Local(DateTime utc, TimeZoneInfo zone) => OfficeTime.LocalDate(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);

    /// <summary>The message for the office group: totals, then one line per owner and their supervision and worst items.</summary>
    private string Markdown(ReportMonth period, IReadOnlyList<OverdueOwnerRow> rows)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(period.LabelZh).Append(' ').Append(Title.ZhCN).Append('\n');
        md.Append("> 统计期间：").Append(period.FirstDay.ToString("yyyy-MM-dd")).Append(" 至 ").Append(period.LastDay.ToString("yyyy-MM-dd"))
          .Append("，逾期天数按工作日计\n");
        if (rows.Count == 0)
        {
            md.Append("> 本月无逾期事项。\n");
            return md.ToString();
        }
        var all = rows.SelectMany(r => r.Items).ToList();
        md.Append("> 逾期事项 **").Append(all.Count).Append("** 件（其中督办件 ").Append(all.Count(i => i.IsSupervision)).Append(" 件），月底仍未办结 ")
          .Append(all.Count(i => i.StillOpen)).Append(" 件；升级至主任 <font color=\"warning\">").Append(all.Count(i => i.EscalatedToDirector))
          .Append("</font> 件，列入通报 <font color=\"warning\">").Append(all.Count(i => i.ReportedOverdue)).Append("</font> 件\n");
        string? section = null;
        foreach (var r in rows)
        {
            if (r.SectionName != section)
            {
                section = r.SectionName;
                md.Append("\n**").Append(section).Append("**\n");
            }
            md.Append("- ").Append(r.OwnerName).Append("：逾期 ").Append(r.Count).Append(" 件");
            if (r.SupervisionCount > 0) md.Append("（督办件 ").Append(r.SupervisionCount).Append(" 件）");
            md.Append("，最长 ").Append(r.MaxWorkingDaysLate).Append(" 个工作日");
            if (r.StillOpen > 0) md.Append("，仍未办结 ").Append(r.StillOpen).Append(" 件");
            md.Append('\n');
            // The group needs the names of the items that matter: supervision items and those that reached the director.
            foreach (var i in r.Items.Where(i => i.IsSupervision || i.EscalatedToDirector || i.ReportedOverdue))
            {
                md.Append("  · ").Append(Short(i.Title)).Append("（").Append(i.WorkingDaysLate).Append(" 个工作日");
                if (i.StillOpen) md.Append("，未办结");
                if (i.EscalatedToDirector) md.Append("，<font color=\"warning\">已报主任</font>");
                if (i.ReportedOverdue) md.Append("，<font color=\"warning\">列入通报</font>");
                md.Append("）\n");
            }
        }
        return WeComText.Fit(md.ToString(), $"\n……（完整明细见系统：/api/reports/{ReportKey}?year={period.Year}&month={period.Month}）");
    }

    private static string Short(string title) => title.Length <= MaxTitleChars ? title : title[..MaxTitleChars] + "…";
}
