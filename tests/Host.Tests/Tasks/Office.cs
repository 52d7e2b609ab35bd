using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Tasks;

/// <summary>Steps of the leave flow over HTTP, shared by the task, access and attachment tests.</summary>
public static class Office
{
    /// <summary>Starts a leave request as <paramref name="staff"/>; asserts 201 and returns the instance id.</summary>
    public static async Task<string> StartLeaveAsync(this HttpClient staff, string reason = "回老家探亲", int days = 3, string definitionId = OfficeHost.LeaveFlowId)
    {
        var response = await staff.PostAsJsonAsync("/api/requests", new { definitionId, input = new { reason, days } }, Ct);
        var instance = await response.JsonAsync(HttpStatusCode.Created);
        var id = (string)instance["id"]!;
        Assert.Equal($"/api/requests/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>The caller's open task of a case in their to-do list (asserts there is exactly one).</summary>
    public static async Task<JsonNode> TodoTaskAsync(this HttpClient user, string instanceId)
    {
        var todo = await user.GetJsonAsync("/api/tasks/todo?pageSize=100");
        return Assert.Single(todo["items"].Items(), t => (string?)t["instanceId"] == instanceId);
    }

    /// <summary>Whether the caller's to-do list has any task of the case.</summary>
    public static async Task<bool> HasTodoAsync(this HttpClient user, string instanceId) =>
        (await user.GetJsonAsync("/api/tasks/todo?pageSize=100"))["items"].Items().Any(t => (string?)t["instanceId"] == instanceId);

    /// <summary>POSTs an action on a task with a JSON body.</summary>
    public static Task<HttpResponseMessage> ActAsync(this HttpClient user, string taskId, string action, object? body = null) =>
        user.PostAsJsonAsync($"/api/tasks/{taskId}/{action}", body ?? new { }, Ct);

    /// <summary>A case as the caller sees it (GET /api/requests/{id}).</summary>
    public static Task<JsonNode> CaseAsync(this HttpClient user, string instanceId) => user.GetJsonAsync($"/api/requests/{instanceId}");
}
