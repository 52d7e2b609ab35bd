using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
using Microsoft.AspNetCore.Components.Authorization;

namespace Approvals.Host.Components;

/// <summary>
/// The signed-in person for a UI circuit, as a member of the organisation. Components act through
/// the same services the API uses, with this person as the actor, so every rule is checked the same way.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider auth, IOrganization org)
{
    private OrgUser? _user;

    /// <summary>The member of the organisation, or null when the sign-in does not match one.</summary>
    public async Task<OrgUser?> GetAsync()
    {
        if (_user is not null) return _user;
        var state = await auth.GetAuthenticationStateAsync();
        var id = Api.ApiSecurity.UserIdOf(state.User);
        var user = id is null ? null : await org.FindUserAsync(id);
        return _user = user is { Active: true } ? user : null;
    }

    public async Task<Actor> ActorAsync()
    {
        var user = await GetAsync() ?? throw ApprovalException.Unauthenticated();
        return new Actor(user.Id, user.IsAdmin);
    }
}
