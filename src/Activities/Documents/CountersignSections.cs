using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Documents;

/// <summary>
/// 会签科室核对: checks the sections a draft names for countersigning (会签) when it is submitted and
/// keeps them, as section ids, in a variable for the countersign step (<c>sectionChiefs</c> strategy).
/// A name that is no section, the drafter's own section (its chief reviews the draft anyway) or a section
/// without a chief refuses the submission with a message saying which entry is wrong.
/// </summary>
[Activity("CountersignSections", CategoryZh = "公文", CategoryEn = "Documents", NameZh = "会签科室核对", NameEn = "Countersign sections",
    DescriptionZh = "提交时核对稿件所列的会签科室（科室名称或标识，用顿号、逗号分隔），有误即退回提交并说明原因；核对后的科室标识存入变量，供会签环节使用。",
    DescriptionEn = "Checks the sections named for countersigning when the draft is submitted (names or ids, separated by commas); a wrong entry refuses the submission. Stores the section ids in a variable for the countersign step.",
    Icon = "Groups")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class CountersignSections : Activity
{
    /// <summary>The sections as written, usually <c>{"js": "input.countersignSections"}</c>; empty for none.</summary>
    [Input("会签科室", "Sections", Editor = InputEditors.Expression, Order = 1,
        DescriptionZh = "如 {\"js\": \"input.countersignSections\"}；留空表示不需会签", DescriptionEn = "e.g. {\"js\": \"input.countersignSections\"}; empty for none")]
    public JsonNode? Sections { get; set; }

    /// <summary>The variable that receives the section ids (an array, empty when there are none).</summary>
    [Input("保存到变量", "Variable", Order = 2)]
    public string Variable { get; set; } = "countersignSections";

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var org = context.Services.GetRequiredService<IOrganization>();
        var (found, unknown) = SectionList.Resolve(SectionList.Split(Sections), await org.SectionsAsync());
        if (unknown.Count > 0)
            throw ApprovalException.Invalid("unknown-countersign-section",
                $"会签科室“{string.Join("、", unknown)}”不存在，请填写科室名称（如 财务科），多个科室用顿号分隔",
                $"countersign section '{string.Join(", ", unknown)}' does not exist; write section names (e.g. 财务科) separated by commas");
        var own = context.Initiator is { } initiator ? (await org.FindUserAsync(initiator))?.SectionId : null;
        if (found.FirstOrDefault(s => s.Id == own) is { } ownSection)
            throw ApprovalException.Invalid("own-section-countersign",
                $"“{ownSection.NameZh}”是起草科室，其科长已审核本稿，无需会签",
                $"'{ownSection.NameEn}' is the drafting section; its chief reviews the draft already");
        foreach (var s in found)
            if (s.ChiefId is null || (await org.FindUserAsync(s.ChiefId))?.Active != true)
                throw ApprovalException.Invalid("countersign-no-chief", $"“{s.NameZh}”目前没有科长，无法会签", $"'{s.NameEn}' has no chief to countersign");
        var ids = new JsonArray(found.Select(s => (JsonNode?)s.Id).ToArray());
        context.Variables[Variable] = ids;
        context.SetOutput("sections", ids.DeepClone());
        context.Complete(Outcomes.Done);
    }
}
