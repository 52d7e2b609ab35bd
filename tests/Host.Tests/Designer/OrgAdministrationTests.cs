using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Host.Components;
using Approvals.Host.Components.Pages.Admin.Org;
using Approvals.Host.SignIn;
using Approvals.Host.SignIn.Provider;
using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Designer;

/// <summary>The organisation page's per-user actions: create, deactivate with hand-over, reactivate, password reset.</summary>
[Collection(DesignerCollection.Name)]
public sealed class OrgAdministrationTests(DesignerHarness harness) : IAsyncDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly List<BunitContext> _contexts = [];

    public async ValueTask DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _culture;
        foreach (var c in _contexts) await c.DisposeAsync();
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private OrganizationService Org => harness.Services.GetRequiredService<OrganizationService>();

    private async Task<OrgUser?> StoredAsync(string id)
    {
        await using var ctx = harness.Services.GetRequiredService<ApprovalsDb>().Create();
        return await ctx.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
    }

    [Fact]
    public async Task Creating_a_user_adds_them_to_the_organisation_and_bad_input_is_refused_with_a_message()
    {
        var admin = harness.OrgAdministration();
        var id = NewId("new");
        var created = await admin.CreateUserAsync(new NewOrgUser(id, "新同事", "general", "Staff", null, IsAdmin: false));
        Assert.Equal("新同事", created.Name);
        Assert.Contains(await Org.UsersAsync(), u => u.Id == id && u.Active && u.SectionId == "general");

        // The id is taken.
        var taken = await Assert.ThrowsAsync<ApprovalException>(() => admin.CreateUserAsync(new NewOrgUser(id, "另一人", "general", "Staff", null, false)));
        Assert.Equal("user-exists", taken.Code);
        // The importer's validation: an unknown section and a bad position, nothing saved.
        var other = NewId("bad");
        var bad = await Assert.ThrowsAsync<ApprovalException>(() => admin.CreateUserAsync(new NewOrgUser(other, "某人", "no-such-section", "Boss", null, false)));
        Assert.Equal("org-invalid", bad.Code);
        Assert.True(bad.Problems.Count >= 2);
        Assert.Null(await StoredAsync(other));
    }

    [Fact]
    public void The_page_creates_a_user_and_shows_a_refusal_in_the_users_language()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var ctx = harness.NewContext();
        _contexts.Add(ctx);
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(ctx);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-create-form")));
        Assert.Contains("Deactivate", cut.Find("#org-deactivate-note").TextContent);

        // Nothing filled in: refused next to the form, in English.
        cut.Find("#org-new-add").Click();
        cut.WaitForAssertion(() => Assert.Contains("enter the login id", cut.Find("#org-new-error").TextContent));

        var id = NewId("page");
        cut.Find("#org-new-id").Change(id);
        cut.Find("#org-new-name").Change("Page Person");
        cut.Find("#org-new-add").Click();
        // No section chosen: the importer's message.
        cut.WaitForAssertion(() => Assert.Contains("nothing was imported", cut.Find("#org-new-error").TextContent));
        Assert.NotEmpty(cut.FindAll("#org-new-problems li"));
    }

    private async Task<(string FlowId, string InstanceId)> StartFlowForAsync(string assignee)
    {
        var flowId = NewId("handover-");
        var json = new JsonObject
        {
            ["id"] = flowId, ["version"] = 1,
            ["name"] = new JsonObject { ["zh-CN"] = "交接测试", ["en"] = "Hand-over test" },
            ["activities"] = new JsonArray
            {
                new JsonObject { ["id"] = "start", ["type"] = "Start", ["inputs"] = new JsonObject(), ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
                new JsonObject
                {
                    ["id"] = "review", ["type"] = "UserTask",
                    ["inputs"] = new JsonObject
                    {
                        ["assignment"] = JsonNode.Parse($$"""{"strategy":"users","users":["{{assignee}}"]}"""),
                        ["title"] = "交接测试",
                    },
                    ["position"] = new JsonObject { ["x"] = 200, ["y"] = 0 },
                },
                new JsonObject { ["id"] = "end", ["type"] = "End", ["inputs"] = new JsonObject(), ["position"] = new JsonObject { ["x"] = 400, ["y"] = 0 } },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject { ["source"] = "start", ["outcome"] = "Done", ["target"] = "review" },
                new JsonObject { ["source"] = "review", ["outcome"] = "Approved", ["target"] = "end" },
                new JsonObject { ["source"] = "review", ["outcome"] = "Rejected", ["target"] = "end" },
            },
        };
        await harness.Definitions.ImportAsync(json.ToJsonString(), "admin");
        await harness.Definitions.PublishAsync(flowId, "admin");
        var instance = await harness.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(flowId, new JsonObject(), "zhangwei");
        return (flowId, instance.Id);
    }

    [Fact]
    public async Task Deactivating_someone_with_an_open_task_hands_it_to_the_successor_on_the_case_timeline()
    {
        var admin = harness.OrgAdministration();
        var leaver = NewId("leaver");
        var successor = NewId("succ");
        await admin.CreateUserAsync(new NewOrgUser(leaver, "离任者", "general", "Staff", null, false));
        await admin.CreateUserAsync(new NewOrgUser(successor, "接手者", "general", "Staff", null, false));
        var (_, instanceId) = await StartFlowForAsync(leaver);
        var taskIds = await admin.OpenTaskIdsAsync(leaver);
        var taskId = Assert.Single(taskIds);

        // A successor is needed; the user stays active until the tasks are handed over.
        var refused = await Assert.ThrowsAsync<ApprovalException>(() => admin.DeactivateAsync(leaver, null, "admin"));
        Assert.Equal("successor-missing", refused.Code);
        Assert.True((await StoredAsync(leaver))!.Active);

        var result = await admin.DeactivateAsync(leaver, successor, "admin");
        Assert.Equal(1, result.Transferred);

        await using (var ctx = harness.Services.GetRequiredService<ApprovalsDb>().Create())
        {
            var task = await ctx.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            Assert.Equal(successor, task.AssigneeId);
            Assert.Equal(HumanTaskStatus.Open, task.Status);
        }
        var timeline = await harness.Services.GetRequiredService<ITaskInbox>().TimelineAsync(instanceId, new Actor("admin", IsAdmin: true));
        var row = Assert.Single(timeline, h => h.Action == "Transferred");
        Assert.Equal("admin", row.ActorId);
        Assert.Equal(leaver, row.OnBehalfOf);
        Assert.Equal(leaver, row.FromUserId);
        Assert.Equal(successor, row.ToUserId);
        Assert.Equal(OrgAdministration.HandOverComment, row.Comment);

        Assert.False((await StoredAsync(leaver))!.Active);
        Assert.False((await Org.FindUserAsync(leaver))!.Active);
        Assert.Empty(await admin.OpenTaskIdsAsync(leaver));

        // Reactivate is one step.
        await admin.ReactivateAsync(leaver);
        Assert.True((await Org.FindUserAsync(leaver))!.Active);
    }

    [Fact]
    public async Task The_page_deactivates_after_choosing_a_successor_and_a_user_without_tasks_after_a_confirmation()
    {
        var admin = harness.OrgAdministration();
        var leaver = NewId("pleaver");
        var successor = NewId("psucc");
        var idle = NewId("pidle");
        await admin.CreateUserAsync(new NewOrgUser(leaver, "页离任", "general", "Staff", null, false));
        await admin.CreateUserAsync(new NewOrgUser(successor, "页接手", "general", "Staff", null, false));
        await admin.CreateUserAsync(new NewOrgUser(idle, "页空闲", "general", "Staff", null, false));
        await StartFlowForAsync(leaver);

        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var ctx = harness.NewContext();
        _contexts.Add(ctx);
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(ctx);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"#org-user-{idle}-deactivate")));

        // No open tasks: a confirmation, then inactive.
        cut.Find($"#org-user-{idle}-deactivate").Click();
        cut.WaitForAssertion(() => Assert.Contains("没有待办", cut.Find("#org-deactivate-count").TextContent));
        cut.Find("#org-deactivate-confirm").Click();
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find($"#org-user-{idle}").GetAttribute("data-active")));
        Assert.NotNull(cut.Find($"#org-user-{idle}-activate"));

        // Open tasks: a successor is asked for; without one it is refused.
        cut.Find($"#org-user-{leaver}-deactivate").Click();
        cut.WaitForAssertion(() => Assert.Contains("1 项待办", cut.Find("#org-deactivate-count").TextContent));
        Assert.NotNull(cut.Find("#org-deactivate-successor"));
        cut.Find("#org-deactivate-confirm").Click();
        cut.WaitForAssertion(() => Assert.Contains("请选择接手的同事", cut.Find("#org-deactivate-error").TextContent));
        Assert.Equal("true", cut.Find($"#org-user-{leaver}").GetAttribute("data-active"));

        // Reactivate is a single click.
        cut.Find($"#org-user-{idle}-activate").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find($"#org-user-{idle}").GetAttribute("data-active")));
    }

    [Fact]
    public async Task Password_reset_is_refused_without_the_embedded_provider()
    {
        var none = harness.OrgAdministration();
        Assert.False(none.CanResetPasswords);
        Assert.Equal("external-provider", (await Assert.ThrowsAsync<ApprovalException>(() => none.ResetPasswordAsync("zhangwei"))).Code);

        var external = harness.OrgAdministration(new AuthSettings { Authority = "https://idp.example.org" });
        Assert.False(external.CanResetPasswords);
        await Assert.ThrowsAsync<ApprovalException>(() => external.ResetPasswordAsync("zhangwei"));

        // The button is not shown when the embedded provider is off.
        var ctx = harness.NewContext();
        _contexts.Add(ctx);
        var cut = DesignerHarness.RenderWithMud<OrgAdmin>(ctx);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#org-user-zhangwei-deactivate")));
        Assert.Empty(cut.FindAll("#org-user-zhangwei-password"));
    }

    [Fact]
    public async Task Password_reset_with_the_embedded_provider_sets_a_temporary_password_that_verifies()
    {
        var storage = harness.Services.GetRequiredService<StorageOptions>();
        await using (var migrations = SignInDbContext.Create(storage)) await migrations.Database.MigrateAsync();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<SignInDbContext, SqliteSignInDbContext>(o => SignInDbContext.Configure(o, storage));
        services.AddScoped<CredentialStore>();
        services.AddSingleton<IPasswordHasher<UserCredential>, PasswordHasher<UserCredential>>();
        await using var provider = services.BuildServiceProvider();

        var admin = harness.OrgAdministration(new AuthSettings(), provider.GetRequiredService<IServiceScopeFactory>());
        Assert.True(admin.CanResetPasswords);
        var password = await admin.ResetPasswordAsync("zhangwei");
        Assert.Equal(OrgAdministration.PasswordLength, password.Length);
        Assert.True(password.All(char.IsAsciiLetterOrDigit));
        Assert.Contains(password, char.IsDigit);
        Assert.Contains(password, char.IsLetter);

        await using var scope = provider.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CredentialStore>();
        Assert.Equal("zhangwei", await store.VerifyAsync("zhangwei", password));
        Assert.Null(await store.VerifyAsync("zhangwei", password + "x"));
        Assert.NotEqual(password, await admin.ResetPasswordAsync("zhangwei"));

        await Assert.ThrowsAsync<ApprovalException>(() => admin.ResetPasswordAsync("no-such-user"));
    }
}
