using Approvals.Host.SignIn;
using Approvals.Workflows;
using Approvals.Workflows.Organization;

namespace Approvals.Host.Api;

/// <summary>The person calling the API, resolved against the organisation; every endpoint that acts for someone starts here.</summary>
/// <param name="User">The active organisation user the caller signed in as.</param>
/// <param name="IsAdmin">An organisation admin, or (with an external provider) the holder of the configured admin role.</param>
public sealed record Caller(OrgUser User, bool IsAdmin)
{
    public string Id => User.Id;

    /// <summary>The signed-in, active member of the organisation; 401 when nobody is signed in, 403 for anyone else.</summary>
    public static async Task<Caller> RequireAsync(HttpContext http)
    {
        var id = ApiSecurity.ActingUser(http) ?? throw ApprovalException.Unauthenticated();
        var user = await http.RequestServices.GetRequiredService<IOrganization>().FindUserAsync(id, http.RequestAborted);
        if (user is null || !user.Active)
            throw ApprovalException.Forbidden("unknown-user", $"用户“{id}”不在本单位组织架构中或已停用", $"user '{id}' is not an active member of the organisation");
        var settings = http.RequestServices.GetRequiredService<AuthSettings>();
        return new Caller(user, user.IsAdmin || ApiSecurity.HasAdminRole(http.User, settings));
    }

    /// <summary>The caller when they are an admin, else 403.</summary>
    public static async Task<Caller> RequireAdminAsync(HttpContext http)
    {
        var caller = await RequireAsync(http);
        return caller.IsAdmin ? caller : throw ApprovalException.Forbidden("admin-only", "只有管理员可以执行此操作", "only an administrator may do this");
    }
}

/// <summary>Endpoint filters that put the caller checks on routes, so no handler can forget them.</summary>
public static class CallerFilters
{
    /// <summary>Every call needs a signed-in, active member of the organisation (401/403 otherwise).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            await Caller.RequireAsync(context.HttpContext);
            return await next(context);
        });

    /// <summary>Only administrators (403 otherwise).</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            await Caller.RequireAdminAsync(context.HttpContext);
            return await next(context);
        });
}
