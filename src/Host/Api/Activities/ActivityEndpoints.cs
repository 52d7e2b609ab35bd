using Approvals.Workflows.Activities;

namespace Approvals.Host.Api.Activities;

/// <summary><c>/api/activities</c>: the activity descriptors the designer builds its toolbox and property panel from.</summary>
public static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/activities", (ActivityRegistry registry) => registry.Descriptors)
            .WithTags("Activities").WithSummary("Every activity type with its inputs, outputs and outcomes");
}
