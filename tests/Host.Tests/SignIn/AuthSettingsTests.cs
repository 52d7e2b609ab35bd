using System.Security.Claims;
using Approvals.Host.Api;
using Approvals.Host.SignIn;
using Microsoft.Extensions.Configuration;

namespace Approvals.Host.Tests.SignIn;

/// <summary>The <c>Auth</c> configuration: when the embedded provider is on, and who is an admin by role claim.</summary>
public sealed class AuthSettingsTests
{
    private static AuthSettings Bind(params (string Key, string? Value)[] values) =>
        AuthSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Auth:" + v.Key, v.Value))).Build());

    [Fact]
    public void The_embedded_provider_is_on_unless_the_authority_points_elsewhere()
    {
        Assert.True(Bind().IsEmbedded);
        Assert.True(Bind(("Authority", "")).IsEmbedded);
        Assert.False(Bind(("Authority", "https://sso.example.gov.cn/realms/office")).IsEmbedded);
        Assert.True(Bind(("Authority", "https://OA.example.gov.cn/"), ("PublicOrigin", "https://oa.example.gov.cn")).IsEmbedded);
        Assert.False(Bind(("Authority", "https://sso.example.gov.cn/"), ("PublicOrigin", "https://oa.example.gov.cn")).IsEmbedded);
    }

    [Fact]
    public void Defaults_and_lists_bind()
    {
        var settings = Bind(("Scopes", "openid, profile roles"), ("Clients:0:ClientId", "other"), ("Clients:0:RedirectUris:0", "https://x/signin-oidc"));
        Assert.Equal(["openid", "profile", "roles"], settings.ScopeList);
        Assert.Equal("approvals-web", settings.ClientId);
        Assert.Equal("sub", settings.UserClaim);
        Assert.Equal("approvals-api", settings.Audience);
        Assert.False(settings.AllowDevHeader);
        Assert.Equal("https://x/signin-oidc", Assert.Single(Assert.Single(settings.Clients).RedirectUris));
        Assert.Equal("", Bind(("Audience", "")).Audience);
    }

    [Fact]
    public void The_admin_role_claim_makes_an_admin_only_with_the_configured_value()
    {
        var settings = Bind(("AdminRoleClaim", "groups"), ("AdminRoleValue", "approvals-admins"));
        ClaimsPrincipal With(params (string Type, string Value)[] claims) => new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

        Assert.True(ApiSecurity.HasAdminRole(With(("groups", "staff"), ("groups", "approvals-admins")), settings));
        Assert.True(ApiSecurity.HasAdminRole(With(("groups", "staff approvals-admins")), settings));
        Assert.False(ApiSecurity.HasAdminRole(With(("groups", "staff")), settings));
        Assert.False(ApiSecurity.HasAdminRole(With(("roles", "approvals-admins")), settings));
        Assert.False(ApiSecurity.HasAdminRole(With(("groups", "approvals-admins")), Bind()));
    }
}
