using Approvals.Host.Tests.Operations;
using Approvals.Host.Tests.SignIn;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Approvals.Host.Tests.Browser;

/// <summary>
/// The UI never freezes on a storage fault, in a real browser: 提交 on a full disk and 同意 on a locked database come
/// back enabled with the fault told in Chinese; nothing is created or half-saved; once the cause is gone the same
/// button succeeds, once. Blazor's error and reconnect UI is in the page's language.
/// </summary>
public sealed class StorageFaultBrowserTests : IAsyncLifetime
{
    private const string FlowId = "proof-test", Staff = "yangfan", Chief = "zhangwei";
    private readonly FullDisk _disk = new();
    private readonly HostFolder _folder = HostFolder.Create();
    private SignInHost _host = null!;
    private readonly string _upload = Path.Combine(Path.GetTempPath(), "approvals-host-tests", $"证明-{Guid.NewGuid():N}.pdf");

    public ValueTask InitializeAsync()
    {
        File.WriteAllText(_folder.WorkflowFile(FlowId + ".json"), Flow);
        Directory.CreateDirectory(Path.GetDirectoryName(_upload)!);
        File.WriteAllBytes(_upload, Tasks.Uploads.Pdf("证明材料"));
        _host = new SignInHost(folder: _folder, services: s => s.AddSingleton<AttachmentFiles>(_disk)).Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
        File.Delete(_upload);
    }

    [Fact]
    public void Submit_on_a_full_disk_comes_back_enabled_with_the_chinese_message_creates_no_case_and_succeeds_once_when_space_returns()
    {
        using var staff = new ChromeSession(_host.Origin);
        try
        {
            staff.SignIn(Staff);
            staff.Go($"/start/{FlowId}");
            staff.Type("#field-reason input", "磁盘满时提交");
            staff.Wait(By.CssSelector("#field-proof input[type=file]"));
            staff.Driver.FindElement(By.CssSelector("#field-proof input[type=file]")).SendKeys(_upload);
            staff.WaitForText(Path.GetFileName(_upload));

            _disk.Full = true;
            staff.Click("#submit");
            var message = staff.TextOf(By.Id("form-error"), "磁盘空间已满");
            Assert.DoesNotContain("过大", message);
            staff.WaitUntil(d => d.FindElement(By.Id("submit")).Enabled && d.FindElement(By.Id("submit")).Text.Contains("提交") && !d.FindElement(By.Id("submit")).Text.Contains("中"));
            staff.Screenshot("storage-01-full-disk-submit");
            Assert.Equal((0, 0), Counts());

            _disk.Full = false;
            staff.Click("#submit");
            staff.Wait(By.Id("request-number"));
            Assert.Equal((1, 1), Counts());
            Assert.Contains(LogLines(), l => l.Contains("could not be stored", StringComparison.Ordinal));
        }
        catch (Exception) when (Shot(staff, "storage-failed-submit")) { throw; }
    }

    [Fact]
    public async Task Approve_while_the_database_is_locked_comes_back_enabled_with_the_message_and_approves_once_the_lock_is_gone()
    {
        await StartCaseAsync();
        using var chief = new ChromeSession(_host.Origin);
        try
        {
            chief.SignIn(Chief);
            chief.Go("/tasks");
            chief.Click(".task-link");
            chief.Wait(By.Id("action-approve"));

            await using (var locker = new SqliteConnection(_folder.ConnectionString + ";Pooling=False"))
            {
                await locker.OpenAsync(Api.Ct);
                await using (var begin = locker.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE";
                    await begin.ExecuteNonQueryAsync(Api.Ct);
                }
                chief.Click("#action-approve");
                // The host waits for the lock (its busy timeout) before it gives up: the message, then the buttons.
                chief.TextOf(By.Id("action-error"), "数据库正忙", seconds: 120);
                chief.WaitUntil(d => d.FindElement(By.Id("action-approve")).Enabled);
                chief.Screenshot("storage-02-locked-approve");
            }
            Assert.Equal("Suspended", await StatusAsync()); // still waiting at the chief: nothing half-saved

            chief.Click("#action-approve");
            chief.Wait(By.Id("action-done"));
            Assert.Equal("Finished", await StatusAsync());
        }
        catch (Exception) when (Shot(chief, "storage-failed-approve")) { throw; }
    }

    [Fact]
    public void Blazor_error_and_reconnect_ui_are_in_chinese_and_in_english_when_chosen()
    {
        using var staff = new ChromeSession(_host.Origin);
        staff.SignIn(Staff);
        staff.WaitForBlazor();
        string Html(string id) => (string)((IJavaScriptExecutor)staff.Driver).ExecuteScript($"return document.getElementById('{id}').textContent;")!;
        Assert.Contains("重新加载", Html("blazor-error-ui"));
        Assert.Contains("正在重新连接", Html("components-reconnect-modal"));
        Assert.False(staff.Driver.FindElement(By.Id("blazor-error-ui")).Displayed);

        staff.Go("/account/language?culture=en&returnUrl=%2F");
        staff.WaitForBlazor();
        Assert.Contains("Reload", Html("blazor-error-ui"));
        Assert.Contains("Reconnecting", Html("components-reconnect-modal"));
    }

    private async Task StartCaseAsync()
    {
        var runtime = _host.Services.GetRequiredService<Approvals.Workflows.Runtime.IWorkflowRuntime>();
        await runtime.StartAsync(FlowId, new JsonObject { ["reason"] = "数据库被锁时审批" }, Staff, Api.Ct);
    }

    private async Task<string> StatusAsync()
    {
        await using var ctx = _host.Services.GetRequiredService<ApprovalsDb>().Create();
        return (await ctx.Instances.AsNoTracking().SingleAsync(i => i.DefinitionId == FlowId, Api.Ct)).Status.ToString();
    }

    private (int Cases, int Attachments) Counts()
    {
        using var ctx = _host.Services.GetRequiredService<ApprovalsDb>().Create();
        var ids = ctx.Instances.AsNoTracking().Where(i => i.DefinitionId == FlowId).Select(i => i.Id).ToList();
        return (ids.Count, ctx.Attachments.AsNoTracking().Count(a => ids.Contains(a.InstanceId)));
    }

    private IEnumerable<string> LogLines() => Directory.GetFiles(_folder.Logs, "*.json").SelectMany(f =>
    {
        using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(s).ReadToEnd().Split('\n');
    }).ToList();

    private static bool Shot(ChromeSession session, string name)
    {
        try { session.Screenshot(name); } catch (WebDriverException) { }
        return false;
    }

    private const string Flow = """
        {
          "id": "proof-test",
          "name": { "zh-CN": "带附件的申请（测试）", "en": "Request with a file (test)" },
          "category": "测试",
          "startForm": [
            { "key": "reason", "label": { "zh-CN": "事由", "en": "Reason" }, "type": "text", "required": true },
            { "key": "proof", "label": { "zh-CN": "证明材料", "en": "Proof" }, "type": "file" }
          ],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "chief", "type": "UserTask", "displayName": { "zh-CN": "科长审批", "en": "Chief" },
              "inputs": { "assignment": { "strategy": "initiatorChief" }, "title": "申请：{{ input.reason }}" } },
            { "id": "approved", "type": "End", "inputs": { "result": "Approved" } },
            { "id": "rejected", "type": "End", "inputs": { "result": "Rejected" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "chief" },
            { "source": "chief", "outcome": "Approved", "target": "approved" },
            { "source": "chief", "outcome": "Rejected", "target": "rejected" }
          ]
        }
        """;
}
