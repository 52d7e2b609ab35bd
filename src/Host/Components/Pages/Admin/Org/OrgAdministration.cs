using System.Security.Cryptography;
using Approvals.Host.SignIn;
using Approvals.Host.SignIn.Provider;
using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Components.Pages.Admin.Org;

/// <summary>What the organisation page asks for when it creates someone.</summary>
public sealed record NewOrgUser(string Id, string Name, string Section, string Position, string? Title, bool IsAdmin);

/// <summary>A deactivation: how many open tasks went to the successor.</summary>
public sealed record DeactivationResult(string UserId, int Transferred, string? SuccessorId);

/// <summary>
/// The organisation page's actions that are not UI: creating a user (through <see cref="OrgImporter"/>, so the
/// import's validation applies), resetting an embedded-provider password, and deactivating someone after handing
/// their open tasks over to a colleague (each hand-over a 转办 by the admin on their behalf, journalled on the case).
/// </summary>
public sealed class OrgAdministration(ApprovalsDb db, OrgImporter importer, OrganizationService org, ITaskInbox inbox,
    IServiceScopeFactory scopes, AuthSettings? auth = null)
{
    public const string HandOverComment = "人员停用，任务转交";
    public const int PasswordLength = 12;
    // No look-alikes (0/O, 1/l/I): the password is read out or copied by hand.
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", Digits = "23456789";

    /// <summary>True when the embedded provider is on (no external authority): only then does this host keep passwords.</summary>
    public bool CanResetPasswords => auth is { IsEmbedded: true };

    /// <summary>Adds a user; refused when the id is taken or the import's validation finds anything.</summary>
    public async Task<OrgUser> CreateUserAsync(NewOrgUser input, CancellationToken ct = default)
    {
        var id = (input.Id ?? "").Trim();
        if (id.Length == 0)
            throw ApprovalException.Invalid("user-id-missing", "请填写账号", "enter the login id");
        await using (var ctx = db.Create())
            if (await ctx.Users.AnyAsync(u => u.Id == id, ct))
                throw ApprovalException.Conflict("user-exists", $"账号“{id}”已存在", $"the login '{id}' already exists");
        await importer.ImportAsync(new OrgData
        {
            Users =
            [
                new OrgUserData
                {
                    Id = id, Name = (input.Name ?? "").Trim(), Section = (input.Section ?? "").Trim(),
                    Position = (input.Position ?? "").Trim(), Title = (input.Title ?? "").Trim(), IsAdmin = input.IsAdmin, Active = true,
                },
            ],
        }, ct);
        return await org.FindUserAsync(id, ct) ?? throw ApprovalException.NotFound("user-not-found", $"找不到人员“{id}”", $"no user '{id}'");
    }

    /// <summary>Gives <paramref name="userId"/> a new random temporary password and returns it (shown once).</summary>
    public async Task<string> ResetPasswordAsync(string userId, CancellationToken ct = default)
    {
        if (!CanResetPasswords)
            throw ApprovalException.Conflict("external-provider", "登录由外部身份认证服务负责，本系统不保存密码",
                "sign-in is handled by an external provider; this host keeps no passwords");
        _ = await FindAsync(userId, ct);
        var password = NewPassword();
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetService<CredentialStore>()
                    ?? throw ApprovalException.Conflict("no-credential-store", "内置登录服务未启用", "the embedded sign-in provider is not on");
        await store.SetPasswordAsync(userId, password, ct);
        return password;
    }

    /// <summary>A random password of <see cref="PasswordLength"/> letters and digits, with at least one of each.</summary>
    public static string NewPassword()
    {
        while (true)
        {
            var p = RandomNumberGenerator.GetString(Letters + Digits, PasswordLength);
            if (p.Any(char.IsDigit) && p.Any(char.IsLetter)) return p;
        }
    }

    /// <summary>Open tasks assigned or delegated to the user.</summary>
    public async Task<IReadOnlyList<string>> OpenTaskIdsAsync(string userId, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        return await ctx.Tasks.Where(t => t.Status == HumanTaskStatus.Open && (t.AssigneeId == userId || t.DelegatedTo == userId))
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).ToListAsync(ct);
    }

    public async Task<int> OpenTaskCountAsync(string userId, CancellationToken ct = default) => (await OpenTaskIdsAsync(userId, ct)).Count;

    /// <summary>
    /// Hands the user's open tasks to <paramref name="successorId"/> (转办 by the admin on the user's behalf), then
    /// sets the user inactive. A successor is needed when there are open tasks; when a hand-over fails the user stays active.
    /// </summary>
    public async Task<DeactivationResult> DeactivateAsync(string userId, string? successorId, string adminId, CancellationToken ct = default)
    {
        var user = await FindAsync(userId, ct);
        if (userId == adminId)
            throw ApprovalException.Invalid("deactivate-self", "不能停用自己", "you cannot deactivate yourself");
        var tasks = await OpenTaskIdsAsync(userId, ct);
        if (tasks.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(successorId))
                throw ApprovalException.Invalid("successor-missing", $"{user.Name}还有 {tasks.Count} 项待办，请选择接手的同事",
                    $"{user.Name} has {tasks.Count} open task(s): choose the colleague who takes them over");
            if (successorId == userId)
                throw ApprovalException.Invalid("successor-self", "接手人不能是被停用的人员本人", "the successor cannot be the person being deactivated");
            var successor = await FindAsync(successorId, ct);
            if (!successor.Active)
                throw ApprovalException.Invalid("successor-inactive", $"{successor.Name}已停用，不能接手任务", $"{successor.Name} is inactive and cannot take tasks");
            var actor = new Actor(adminId, IsAdmin: true);
            foreach (var taskId in tasks)
                await inbox.ActAsync(taskId, new TaskAction(TaskActionKinds.Transfer, taskId) { Users = [successorId], Comment = HandOverComment }, actor, ct);
        }
        await SetActiveAsync(user, false, ct);
        return new DeactivationResult(userId, tasks.Count, tasks.Count > 0 ? successorId : null);
    }

    public async Task ReactivateAsync(string userId, CancellationToken ct = default) => await SetActiveAsync(await FindAsync(userId, ct), true, ct);

    /// <summary>Through the importer (the same validation as an import): the user's stored values with <c>active</c> changed.</summary>
    private async Task SetActiveAsync(OrgUser user, bool active, CancellationToken ct)
    {
        await importer.ImportAsync(new OrgData
        {
            Users =
            [
                new OrgUserData
                {
                    Id = user.Id, Name = user.Name, Section = user.SectionId, Position = user.Position.ToString(), Title = user.Title,
                    Email = user.Email, Mobile = user.Mobile, IsAdmin = user.IsAdmin, Active = active,
                },
            ],
        }, ct);
        org.Invalidate();
    }

    /// <summary>The stored user (read from the database, not the cached snapshot).</summary>
    private async Task<OrgUser> FindAsync(string userId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct)
               ?? throw ApprovalException.NotFound("user-not-found", $"找不到人员“{userId}”", $"no user '{userId}'");
    }
}
