using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using static Approvals.Workflows.Tests.Office.Documents.DocumentHarness;

namespace Approvals.Workflows.Tests.Office.Documents;

/// <summary>公文签发 (rule 3) end to end on the shipped flow file.</summary>
public sealed class DocumentSignoffTests
{
    [Fact]
    public async Task A_draft_goes_through_chief_deputy_director_and_the_secretariat_and_is_issued_with_a_number()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();

        var review = await h.TaskAtAsync(id, "chiefReview", Chief);
        Assert.Equal("公文审核：关于做好2026年国庆节期间值班工作的通知", review.Title);
        await h.ApproveAsync(id, "chiefReview", Chief);
        await h.ApproveAsync(id, "deputyReview", Deputy);
        await h.ApproveAsync(id, "directorSign", Director);

        // The secretariat's pool task goes straight to the least-loaded member (ties by id).
        await h.ApproveAsync(id, "issue", "chenxiaoyu", "格式无误，同意印发");
        var archive = await h.TaskAtAsync(id, "archive", "chenxiaoyu");
        Assert.Equal("印发归档：区政办发〔2026〕1号 关于做好2026年国庆节期间值班工作的通知", archive.Title);
        await h.ApproveAsync(id, "archive", "chenxiaoyu", "已印制分发并归档");

        var done = await h.InstanceAsync(id);
        Assert.Equal((InstanceStatus.Finished, "Issued"), (done.Instance.Status, done.Instance.Result));
        Assert.Equal("区政办发〔2026〕1号", done.State.Variables["docNo"]!.GetValue<string>());
        Assert.Equal("区政办发〔2026〕1号", done.State.Properties["docNo"]!.GetValue<string>());
        Assert.Equal(Drafter, done.State.Properties["caseOwner"]!.GetValue<string>());
        var history = await h.HistoryAsync(id);
        Assert.Contains(history, r => r.Action == "CaseOwnerSet" && r.ToUserId == Drafter);
        Assert.Contains(history, r => r.Action == "DocumentNumberAssigned" && r.Comment!.Contains("区政办发〔2026〕1号"));
    }

    [Fact]
    public async Task Sections_named_for_countersigning_all_sign_before_the_deputy_director()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync(Draft(d => d["countersignSections"] = "财务科、hr"));
        Assert.Equal(["finance", "hr"], (await h.InstanceAsync(id)).State.Variables["countersignSections"]!.AsArray().Select(x => x!.GetValue<string>()));
        await h.ApproveAsync(id, "chiefReview", Chief);

        var open = await h.OpenAsync(id);
        Assert.Equal(["gaoming", "linyan"], open.Select(t => t.AssigneeId).Order());
        Assert.All(open, t => Assert.Equal("countersign", t.ActivityId));
        await h.ActAsync("gaoming", TaskActionKinds.Approve, open.Single(t => t.AssigneeId == "gaoming").Id, "经费测算无误");
        Assert.Equal("countersign", Assert.Single(await h.OpenAsync(id)).ActivityId);
        await h.ActAsync("linyan", TaskActionKinds.Approve, open.Single(t => t.AssigneeId == "linyan").Id, "同意");

        await h.TaskAtAsync(id, "deputyReview", Deputy);
    }

    [Fact]
    public async Task A_draft_without_the_figures_confirmation_or_with_a_wrong_countersign_section_is_refused_at_submission()
    {
        await using var h = await CreateAsync();

        var unchecked_ = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(Draft(d => d.Remove("figuresChecked"))));
        Assert.Equal("invalid-form", unchecked_.Code);
        Assert.Contains("figuresChecked", unchecked_.FieldErrors.Keys);
        var wrongValue = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(Draft(d => d["figuresChecked"] = "later")));
        Assert.Contains("figuresChecked", wrongValue.FieldErrors.Keys);

        var unknown = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(Draft(d => d["countersignSections"] = "财务科、宣传科")));
        Assert.Equal(("unknown-countersign-section", ErrorKind.Invalid), (unknown.Code, unknown.Kind));
        Assert.Contains("宣传科", unknown.Text.ZhCN);
        var own = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(Draft(d => d["countersignSections"] = "综合科")));
        Assert.Equal("own-section-countersign", own.Code);

        await using var ctx = h.Engine.Db.Create();
        Assert.Empty(ctx.Instances);
        Assert.Empty(ctx.Tasks);
    }

    [Fact]
    public async Task A_draft_returned_by_the_deputy_director_is_revised_by_the_drafter_and_goes_through_every_review_again()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ApproveAsync(id, "chiefReview", Chief);
        var deputy = await h.TaskAtAsync(id, "deputyReview", Deputy);

        var noComment = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Deputy, TaskActionKinds.Return, deputy.Id));
        Assert.Equal("comment-required", noComment.Code);
        await h.ActAsync(Deputy, TaskActionKinds.Return, deputy.Id, "值班点数量与应急办通报不一致，请核实");

        // 修改稿件 goes to the case owner, who must confirm the figures again to resubmit.
        var revise = await h.TaskAtAsync(id, "revise", Drafter);
        Assert.Equal("修改稿件：关于做好2026年国庆节期间值班工作的通知", revise.Title);
        var unconfirmed = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Drafter, TaskActionKinds.Approve, revise.Id, "已修改"));
        Assert.Equal("invalid-result", unconfirmed.Code);
        await h.ApproveAsync(id, "revise", Drafter, "已按意见修改，值班点核实为11个",
            data: new JsonObject { ["figuresRechecked"] = "checked" },
            formChanges: new JsonObject { ["body"] = "国庆节期间实行24小时值班，值班人员名单附后。全区共设值班点11个。" });

        // From the chief again, through every review.
        await h.ThroughReviewsAsync(id);
        await h.ApproveAsync(id, "issue", "chenxiaoyu");
        await h.ApproveAsync(id, "archive", "chenxiaoyu");

        var done = await h.InstanceAsync(id);
        Assert.Equal("Issued", done.Instance.Result);
        Assert.Contains("11个", done.State.Input["body"]!.GetValue<string>());
        var approvedBy = (await h.TasksAsync(id)).Where(t => t.Outcome == TaskOutcomes.Approved).Select(t => t.ActivityId).ToList();
        Assert.Equal(["chiefReview", "revise", "chiefReview", "deputyReview", "directorSign", "issue", "archive"], approvedBy);
        Assert.Equal(2, (await h.TasksAsync(id)).Count(t => t.ActivityId == "deputyReview"));
        var returned = Assert.Single(await h.HistoryAsync(id), r => r.Action == "Returned");
        Assert.Equal(("值班点数量与应急办通报不一致，请核实", Deputy), (returned.Comment, returned.ActorId));
    }

    [Fact]
    public async Task The_secretariat_can_send_a_draft_back_and_only_the_issued_draft_takes_a_number()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ThroughReviewsAsync(id);
        await h.ActAsync("chenxiaoyu", TaskActionKinds.Return, (await h.TaskAtAsync(id, "issue", "chenxiaoyu")).Id, "附件名称与正文不一致");
        Assert.Equal(0, await NumberOfAsync(h, "区政办发"));

        await h.ApproveAsync(id, "revise", Drafter, "已改", data: new JsonObject { ["figuresRechecked"] = "checked" },
            formChanges: new JsonObject { ["series"] = "区政办函" });
        await h.ThroughReviewsAsync(id);
        var issue = Assert.Single(await h.OpenAsync(id));
        await h.ApproveAsync(id, "issue", issue.AssigneeId!);
        await h.ApproveAsync(id, "archive", issue.AssigneeId!);

        Assert.Equal("区政办函〔2026〕1号", (await h.InstanceAsync(id)).State.Variables["docNo"]!.GetValue<string>());
        Assert.Equal(0, await NumberOfAsync(h, "区政办发"));
    }

    [Fact]
    public async Task The_director_can_refuse_to_sign_and_the_case_ends_rejected_without_a_number()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ApproveAsync(id, "chiefReview", Chief);
        await h.ApproveAsync(id, "deputyReview", Deputy);
        var sign = await h.TaskAtAsync(id, "directorSign", Director);
        await h.ActAsync(Director, TaskActionKinds.Reject, sign.Id, "此事已在区政府常务会议纪要中明确，不再另行发文");

        var done = await h.InstanceAsync(id);
        Assert.Equal((InstanceStatus.Finished, "Rejected"), (done.Instance.Status, done.Instance.Result));
        Assert.Empty(await h.OpenAsync(id));
        Assert.Null(done.State.Variables["docNo"]);
        Assert.Equal(0, await NumberOfAsync(h, "区政办发"));
    }

    [Fact]
    public async Task The_director_signs_in_person_the_sign_off_cannot_be_transferred()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ApproveAsync(id, "chiefReview", Chief);
        await h.ApproveAsync(id, "deputyReview", Deputy);
        var sign = await h.TaskAtAsync(id, "directorSign", Director);
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Director, TaskActionKinds.Transfer, sign.Id, "请代签", [Deputy]));
        Assert.Equal("action-not-allowed", e.Code);
    }

    internal static async Task<int> NumberOfAsync(DocumentHarness h, string series, int year = 2026)
    {
        await using var ctx = h.Engine.Db.Create();
        return ctx.DocumentCounters.Where(c => c.Series == series && c.Year == year).Select(c => c.LastNumber).FirstOrDefault();
    }
}
