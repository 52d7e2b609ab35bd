using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Security;

/// <summary>A one-step flow whose task goes to the 秘书科 (secretariat) pool, published through the API on first use.</summary>
public static class PoolFlow
{
    public const string Id = "security-pool-test";

    private const string Json = """
        {
          "id": "security-pool-test",
          "name": { "zh-CN": "任务池（测试）", "en": "Pool (test)" },
          "category": "测试",
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "pool", "type": "UserTask", "inputs": { "assignment": { "strategy": "sectionPool", "section": "secretariat" }, "title": "任务池" } },
            { "id": "end", "type": "End", "inputs": { "result": "Approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "pool" },
            { "source": "pool", "outcome": "Approved", "target": "end" }
          ]
        }
        """;

    /// <summary>Publishes the flow unless it is (as admin), then starts it as <paramref name="initiator"/>; returns the case id.</summary>
    public static async Task<string> StartAsync(HttpClient admin, HttpClient initiator)
    {
        if ((await admin.GetAsync($"/api/definitions/{Id}", Ct)).StatusCode != HttpStatusCode.OK)
        {
            await (await admin.PutAsync($"/api/definitions/{Id}/draft", Raw(Json), Ct)).JsonAsync();
            await (await admin.PostAsync($"/api/definitions/{Id}/publish", null, Ct)).JsonAsync();
        }
        var started = await (await initiator.PostAsJsonAsync("/api/requests", new { definitionId = Id, input = new { } }, Ct)).JsonAsync(HttpStatusCode.Created);
        return (string)started["id"]!;
    }
}
