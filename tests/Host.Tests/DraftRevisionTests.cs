using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// Two admins on one draft: every save presents the revision it loaded, a stale one is refused with 409 and
/// nothing is overwritten; publishing a draft equal to the latest version is refused as "no change".
/// </summary>
public sealed class DraftRevisionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Named(JsonObject definition, string id, string activity, string zh)
    {
        var copy = definition.DeepClone().AsObject();
        copy["id"] = id;
        copy.Activity(activity)["displayName"] = new JsonObject { ["zh-CN"] = zh, ["en"] = zh };
        return copy;
    }

    private Task<HttpResponseMessage> PutAsync(string id, JsonObject body, string? ifMatch = null, bool noDraftYet = false, string? language = null)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{id}/draft") { Content = Raw(body.ToJsonString()) };
        if (ifMatch is not null) put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (noDraftYet) put.Headers.TryAddWithoutValidation("If-None-Match", "*");
        if (language is not null) put.WithLanguage(language);
        return _client.SendAsync(put, Ct);
    }

    [Fact]
    public async Task A_stale_save_is_refused_with_409_and_the_newer_draft_stays_while_a_fresh_save_advances_the_revision()
    {
        var id = "revision-" + Guid.NewGuid().ToString("N")[..8];
        var sample = SampleDefinition(factory.Folder);
        var first = Named(sample, id, "start", "起草");
        var created = await (await PutAsync(id, first, noDraftYet: true)).JsonAsync();
        var loaded = await _client.GetAsync($"/api/definitions/{id}/versions/0", Ct);
        var read = await loaded.JsonAsync();
        var revision = (string)read["info"]!["revision"]!;
        Assert.Equal((string?)created["draft"]!["revision"], revision);
        Assert.Equal($"\"{revision}\"", loaded.Headers.ETag?.ToString());

        // Admin A saves over the revision both loaded: accepted, and the revision moves on.
        var byA = await (await PutAsync(id, Named(first, id, "endApproved", "甲改的结束"), $"\"{revision}\"")).JsonAsync();
        var afterA = (string)byA["draft"]!["revision"]!;
        Assert.NotEqual(revision, afterA);

        // Admin B still holds the first revision: refused in Chinese (and English), A's change stays stored.
        var byB = Named(first, id, "start", "乙改的开始");
        var zh = await (await PutAsync(id, byB, $"\"{revision}\"")).ProblemAsync(HttpStatusCode.Conflict, "draft-changed");
        Assert.Contains("草稿已被他人修改", (string?)zh["title"]);
        var en = await (await PutAsync(id, byB, $"\"{revision}\"", language: "en")).ProblemAsync(HttpStatusCode.Conflict, "draft-changed");
        Assert.Contains("changed or deleted by someone else", (string?)en["title"]);
        var stored = await _client.GetJsonAsync($"/api/definitions/{id}/versions/0");
        Assert.Equal("甲改的结束", (string?)stored["definition"]!.AsObject().Activity("endApproved")["displayName"]!["zh-CN"]);
        Assert.DoesNotContain("乙改的开始", stored.ToJsonString());
        Assert.Equal(afterA, (string?)stored["info"]!["revision"]);

        // "There was no draft" is stale too once one exists.
        await (await PutAsync(id, byB, noDraftYet: true)).ProblemAsync(HttpStatusCode.Conflict, "draft-changed");

        // B reloads and saves over A's revision: accepted, both changes now stored.
        var merged = Named(stored["definition"]!.AsObject(), id, "start", "乙改的开始");
        var byB2 = await (await PutAsync(id, merged, $"\"{afterA}\"")).JsonAsync();
        Assert.NotEqual(afterA, (string?)byB2["draft"]!["revision"]);
        var both = (await _client.GetJsonAsync($"/api/definitions/{id}/versions/0"))["definition"]!.AsObject();
        Assert.Equal("甲改的结束", (string?)both.Activity("endApproved")["displayName"]!["zh-CN"]);
        Assert.Equal("乙改的开始", (string?)both.Activity("start")["displayName"]!["zh-CN"]);

        // A deleted draft makes every revision stale.
        (await _client.DeleteAsync($"/api/definitions/{id}/draft", Ct)).EnsureSuccessStatusCode();
        await (await PutAsync(id, merged, $"\"{(string)byB2["draft"]!["revision"]!}\"")).ProblemAsync(HttpStatusCode.Conflict, "draft-changed");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/definitions/{id}/versions/0", Ct)).StatusCode);
    }

    [Fact]
    public async Task Publishing_a_draft_equal_to_the_latest_version_says_no_change_and_makes_no_version()
    {
        var id = "nochange-" + Guid.NewGuid().ToString("N")[..8];
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = id;
        (await PutAsync(id, definition)).EnsureSuccessStatusCode();
        Assert.Equal(1, (int?)(await (await _client.PostAsync($"/api/definitions/{id}/publish", null, Ct)).JsonAsync())["version"]);

        // The same content again (its version number aside) is not a new version.
        (await PutAsync(id, definition)).EnsureSuccessStatusCode();
        var zh = await (await _client.PostAsync($"/api/definitions/{id}/publish", null, Ct)).ProblemAsync(HttpStatusCode.Conflict, "no-change");
        Assert.Equal("没有改动，无需发布", (string?)zh["title"]);
        var en = await (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/definitions/{id}/publish").WithLanguage("en"), Ct))
            .ProblemAsync(HttpStatusCode.Conflict, "no-change");
        Assert.Contains("nothing to publish", (string?)en["title"]);
        var versions = await _client.GetJsonAsync($"/api/definitions/{id}/versions");
        Assert.Equal([0, 1], versions.Items().Select(v => (int)v["version"]!));

        // A real change publishes as version 2.
        (await PutAsync(id, Named(definition, id, "start", "改过的开始"))).EnsureSuccessStatusCode();
        Assert.Equal(2, (int?)(await (await _client.PostAsync($"/api/definitions/{id}/publish", null, Ct)).JsonAsync())["version"]);
    }
}
