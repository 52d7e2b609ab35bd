using Approvals.Workflows.Activities;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>
/// 销假: the rows a report-back changes (the leave record and the out-of-office period of the case), read
/// before the burst decides and written in its transaction.
/// </summary>
internal sealed class LeaveReturn
{
    private LeaveReturn(LeaveRecord? record, OutOfOffice? away)
    {
        Record = record;
        Away = away;
    }

    public LeaveRecord? Record { get; }
    public OutOfOffice? Away { get; }

    /// <summary>Reads the case's record and period (by the ids HR filing kept, else by the case).</summary>
    public static async Task<LeaveReturn> LoadAsync(ActivityContext context)
    {
        var leave = LeaveCase.Read(context.Properties);
        await using var db = context.Services.GetRequiredService<ApprovalsDb>().Create();
        var record = leave?.RecordId is { } rid
            ? await db.LeaveRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid)
            : await db.LeaveRecords.AsNoTracking().Where(r => r.InstanceId == context.InstanceId).OrderByDescending(r => r.RecordedAt).FirstOrDefaultAsync();
        var away = leave?.OutOfOfficeId is { } oid
            ? await db.OutOfOffice.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid)
            : await db.OutOfOffice.AsNoTracking().FirstOrDefaultAsync(o => o.SourceInstanceId == context.InstanceId);
        return new LeaveReturn(record, away);
    }

    /// <summary>
    /// Records the report-back at <paramref name="at"/>: the record's <see cref="LeaveRecord.ReportedBackAt"/>, and the
    /// out-of-office period ends then if it was still running (an early return shortens it; one that never began
    /// becomes empty).
    /// </summary>
    public void Apply(ActivityContext context, DateTime at)
    {
        if (Record is not null && Record.ReportedBackAt is null)
        {
            Record.ReportedBackAt = at;
            context.StageUpdate(Record);
        }
        if (Away is not null && Away.To > at)
        {
            Away.To = at > Away.From ? at : Away.From;
            context.StageUpdate(Away);
            var org = context.Services.GetRequiredService<OrganizationService>();
            context.AfterCommit(_ => { org.Invalidate(); return Task.CompletedTask; });
        }
        context.Journal("已销假 / reported back");
    }
}
