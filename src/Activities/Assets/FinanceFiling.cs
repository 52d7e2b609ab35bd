using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>
/// 财务科备案: a task in the finance section's pool (any member claims it); completing it requires the filing
/// number (财务备案号, result field <c>filingNo</c>), which must not have been used for another move. The number is
/// published as output <c>filingNo</c> (with <c>filedBy</c>) and kept on the case for <see cref="TransferAsset"/>.
/// Due by the end of the working day (文不过夜).
/// </summary>
[Activity("FinanceFiling", CategoryZh = "国有资产", CategoryEn = "State assets", NameZh = "财务科备案", NameEn = "Finance filing",
    DescriptionZh = "派到财务科任务池，由财务科人员认领后登记财务备案号（必填，不得重复）完成备案；当日办结（文不过夜）。",
    DescriptionEn = "A task in the finance section's pool: a member claims it and records the finance filing number (required, unique); due the same working day.",
    Icon = "Inventory")]
public sealed class FinanceFiling : UserTask
{
    public const string FinanceSection = "finance";
    public const string FilingField = "filingNo";
    /// <summary>Where the filing is kept in the instance's properties: <c>{ filingNo, by, at }</c>.</summary>
    public const string PropertyName = "financeFiling";

    public FinanceFiling()
    {
        Assignment = new AssignmentRule { Strategy = AssignmentStrategies.SectionPool, Section = FinanceSection };
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Transfer, TaskActionKinds.Delegate, TaskActionKinds.CarbonCopy];
        Deadline = new DeadlineRule { Kind = "endOfWorkingDay", RemindBefore = "PT1H" };
        Escalations =
        [
            new EscalationRung { After = "deadline", To = "assigneeChief" },
            new EscalationRung { After = "workingDays", Value = "1", To = "deputyDirector" },
        ];
        ResultFields = [FilingNoField()];
    }

    /// <summary>Who files; by default the finance section's pool.</summary>
    [Input("办理人", "Assignees", Editor = InputEditors.Assignment, Order = 1,
        DescriptionZh = "默认财务科任务池（sectionPool finance）", DescriptionEn = "By default the finance section's pool (sectionPool finance)")]
    public new AssignmentRule Assignment { get => base.Assignment; set => base.Assignment = value; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        RequireFilingField();
        return base.ExecuteAsync(context);
    }

    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        RequireFilingField();
        if (context.Stimulus?.TimerName is null && TaskAction.From(context.Stimulus?.Payload) is { Kind: TaskActionKinds.Approve } action
            && action.Data?[FilingField]?.ToString()?.Trim() is { Length: > 0 } number)
        {
            await using var db = context.Services.GetRequiredService<ApprovalsDb>().Create();
            if (await db.AssetMoves.AnyAsync(m => m.FilingNo == number))
                throw ApprovalException.Invalid("filing-number-used", $"财务备案号“{number}”已用于其他资产调换，请核对", $"the filing number '{number}' was already used for another transfer");
        }
        await base.ResumeAsync(context);
    }

    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (outcome != TaskOutcomes.Approved) return;
        var data = context.Evaluate(new JsExpression($"outputs[{JsonSerializer.Serialize(context.ActivityId)}]"))?["data"];
        var number = data?[FilingField]?.ToString().Trim();
        var by = tasks.LastOrDefault(t => t.Outcome == TaskOutcomes.Approved)?.CompletedBy;
        context.SetOutput(FilingField, number);
        context.SetOutput("filedBy", by);
        context.Properties[PropertyName] = new JsonObject { [FilingField] = number, ["by"] = by, ["at"] = context.Now.UtcDateTime };
        AssetCaseNotice.History(context, "FinanceFiled", $"财务科已备案，备案号 {number} / filed by the finance section, number {number}");
    }

    /// <summary>A designer may add result fields, but the filing number is always asked for.</summary>
    private void RequireFilingField()
    {
        ResultFields ??= [];
        if (ResultFields.Find(f => f.Key == FilingField) is { } field) field.Required = true;
        else ResultFields.Insert(0, FilingNoField());
    }

    private static FormField FilingNoField() => new()
    {
        Key = FilingField, Label = new LocalizedText("财务备案号", "Finance filing number"), Type = FormFieldType.Text, Required = true, Max = "50",
        Help = new LocalizedText("财务科资产备案登记的编号", "The number of the finance section's asset filing"),
    };
}
