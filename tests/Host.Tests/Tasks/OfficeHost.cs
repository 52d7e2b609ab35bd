using Microsoft.AspNetCore.Hosting;

namespace Approvals.Host.Tests.Tasks;

/// <summary>
/// The real host with the demo office (seeded from the copied <c>workflows/org/demo-office.json</c>) and a small
/// leave flow, <see cref="LeaveFlowId"/>, written into the copied workflows folder before the host starts:
/// the initiator's chief decides; "return" sends the request to the initiator to revise and resubmit.
/// Attachments are limited to <see cref="MaxAttachmentBytes"/> so the size limit can be tested cheaply.
/// </summary>
public class OfficeHost : HostFactory
{
    public const string LeaveFlowId = "leave-test";
    public const long MaxAttachmentBytes = 16 * 1024;

    /// <summary>Demo office people: 刘洋 and 陈晓宇 are staff of 秘书科, whose chief is 王静; 胡丽娜 is their colleague.</summary>
    public const string Staff = "liuyang", StaffChief = "wangjing", Colleague = "chenxiaoyu", Bystander = "hulina";

    public OfficeHost() => File.WriteAllText(Folder.WorkflowFile(LeaveFlowId + ".json"), LeaveFlow);

    /// <summary>Where the host keeps attachment files.</summary>
    public string AttachmentsFolder => Path.Combine(Folder.Data, "attachments");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Attachments:MaxBytes", MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A client acting as <paramref name="user"/> through the Development-only <c>X-Acting-User</c> header (null: anonymous).</summary>
    public HttpClient As(string? user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(ActingUserHeader);
        if (user is not null) client.DefaultRequestHeaders.Add(ActingUserHeader, user);
        return client;
    }

    /// <summary>The leave flow's definition file text (another host can be given the same flow).</summary>
    public const string LeaveFlow = """
        {
          "id": "leave-test",
          "name": { "zh-CN": "请假（测试）", "en": "Leave (test)" },
          "category": "测试",
          "startForm": [
            { "key": "reason", "label": { "zh-CN": "事由", "en": "Reason" }, "type": "text", "required": true },
            { "key": "days", "label": { "zh-CN": "天数", "en": "Days" }, "type": "number" }
          ],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "chief", "type": "UserTask", "displayName": { "zh-CN": "科长审批", "en": "Chief" },
              "inputs": { "assignment": { "strategy": "initiatorChief" }, "title": "请假：{{ input.reason }}" } },
            { "id": "revise", "type": "UserTask", "displayName": { "zh-CN": "修改后重新提交", "en": "Revise" },
              "inputs": { "assignment": { "strategy": "initiator" }, "allowedActions": ["approve"],
                          "fieldPermissions": { "reason": "editable", "days": "editable" } } },
            { "id": "approved", "type": "End", "inputs": { "result": "Approved" } },
            { "id": "rejected", "type": "End", "inputs": { "result": "Rejected" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "chief" },
            { "source": "chief", "outcome": "Approved", "target": "approved" },
            { "source": "chief", "outcome": "Rejected", "target": "rejected" },
            { "source": "chief", "outcome": "Returned", "target": "revise" },
            { "source": "revise", "outcome": "Approved", "target": "chief" }
          ]
        }
        """;
}
