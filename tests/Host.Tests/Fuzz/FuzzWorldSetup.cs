using Approvals.Host.Tests.Tasks;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// Puts real things into the demo office for the fuzzer to aim at (cases, a task, a notification, an out-of-office
/// period, an attachment) and collects their ids and well-formed bodies of each kind the API takes.
/// </summary>
public static class FuzzWorldSetup
{
    public static async Task<FuzzWorld> CreateAsync(OfficeHost host)
    {
        var staff = host.As(Staff);
        var chief = host.As(StaffChief);
        var cases = new List<string>();
        for (var i = 0; i < 3; i++) cases.Add(await staff.StartLeaveAsync("探亲" + i, i + 1));
        var task = (string)(await chief.TodoTaskAsync(cases[0]))["id"]!;
        var upload = await (await staff.UploadAsync(cases[0], "证明.pdf", Uploads.Pdf(), task)).JsonAsync();
        var outOfOffice = await (await staff.PostAsJsonAsync("/api/org/out-of-office",
            new { from = "2026-11-02T08:40:00+08:00", to = "2026-11-03T17:00:00+08:00", delegateId = Colleague, reason = "出差" }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        var notifications = await chief.GetJsonAsync("/api/notifications");
        var reports = await staff.GetJsonAsync("/api/reports");
        var assets = await staff.GetJsonAsync("/api/assets");

        string[] ids =
        [
            .. cases, task, (string)upload["id"]!, (string)outOfOffice["id"]!,
            .. notifications["items"].Items().Take(1).Select(n => (string)n["id"]!),
            .. reports["reports"].Items().Select(r => (string)r["key"]!),
            .. assets["items"].Items().Take(1).Select(a => (string)a["code"]!),
            SampleId, LeaveFlowId, "leave-request", "document-signoff", Staff, StaffChief, Colleague, "admin", "secretariat", "chief", "start",
        ];
        var definition = File.ReadAllText(host.Folder.WorkflowFile(SampleFile));
        var leave = File.ReadAllText(host.Folder.WorkflowFile(LeaveFlowId + ".json"));
        SeedBody[] seeds =
        [
            new("/api/definitions", definition),
            new("/api/definitions", leave),
            new("/api/org/import", File.ReadAllText(Path.Combine(host.Folder.Workflows, "org", "demo-office.json"))),
            new("/api/org/import", """{"sections":[],"users":[],"groups":[]}"""),
            new("/api/instances", $$$"""{"definitionId":"{{{SampleId}}}","input":{"docNo":"DOC-1","amount":1200}}"""),
            new("/api/requests", $$$"""{"definitionId":"{{{LeaveFlowId}}}","input":{"reason":"探亲","days":2}}"""),
            new("/api/tasks", $$$"""{"comment":"同意","users":["{{{Colleague}}}"],"user":"{{{Bystander}}}","position":"before","targetActivityId":"chief","formChanges":{"days":1},"data":{}}"""),
            new("/api/org/out-of-office", $$$"""{"from":"2026-11-02T08:40:00+08:00","to":"2026-11-03T17:00:00+08:00","delegateId":"{{{Colleague}}}","reason":"出差","userId":"{{{Staff}}}"}"""),
            new("/api/signals", """{"name":"confirmed","correlationKey":"DOC-1","payload":{"approved":true}}"""),
            new("/api/requests/{id}", """{"reason":"不需要了","text":"请尽快处理"}"""),
            new("/api/instances/{id}", """{"reason":"不需要了"}"""),
        ];
        return new FuzzWorld([Staff, "admin"], ids, seeds);
    }
}
