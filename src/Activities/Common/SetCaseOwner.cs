using Approvals.Workflows.Activities;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Common;

/// <summary>
/// 确定首办责任人 (rule 2): records a named person (by default the initiator) as the case owner, with a
/// timeline row. By default it does nothing when the case already has an owner, so it can sit on a path
/// that runs again (a resubmission) without taking the case from anyone.
/// </summary>
[Activity("SetCaseOwner", CategoryZh = "办公规则", CategoryEn = "Office rules", NameZh = "确定首办责任人", NameEn = "Set case owner",
    DescriptionZh = "把指定人员（默认发起人）记为本案首办责任人，并记入办理过程；已有责任人时默认不变（人员之间的移交须经科长审批）。",
    DescriptionEn = "Records a person (the initiator by default) as the case owner, in the timeline; keeps an existing owner unless told otherwise (people hand cases over through their chief).",
    Icon = "HowToReg")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class SetCaseOwner : Activity
{
    /// <summary>The owner's user id (literal or expression); empty for the initiator.</summary>
    [Input("首办责任人", "Case owner", Order = 1,
        DescriptionZh = "人员标识或表达式（如 {\"js\": \"input.owner\"}）；留空为发起人", DescriptionEn = "A user id or an expression (e.g. {\"js\": \"input.owner\"}); empty for the initiator")]
    public string? User { get; set; }

    /// <summary>Replace an owner already recorded (a flow-defined change, not a person's hand-over).</summary>
    [Input("覆盖已有责任人", "Replace an existing owner", Editor = InputEditors.Switch, Order = 2)]
    public bool Replace { get; set; }

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var user = string.IsNullOrWhiteSpace(User) ? context.Initiator : User.Trim();
        if (user is null) throw new InvalidOperationException("No case owner: the input is empty and the case has no initiator.");
        if ((await context.Services.GetRequiredService<IOrganization>().FindUserAsync(user))?.Active != true)
            throw new InvalidOperationException($"The case owner '{user}' is not an active user.");
        var current = CaseOwner.Of(context);
        if (current == user) { context.Complete(Outcomes.Done); return; }
        if (current is not null && !Replace)
        {
            context.Journal($"case owner stays {current}");
            context.Complete(Outcomes.Done);
            return;
        }
        CaseOwner.Record(context, user, current is null ? CaseOwner.SetAction : CaseOwner.ChangedAction,
            user == context.Initiator ? "发起人为首办责任人 / the initiator owns the case" : "按流程确定首办责任人 / owner named by the flow");
        context.Complete(Outcomes.Done);
    }
}
