using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.BadInput;

/// <summary>
/// Nulls and empty objects where the formats want a value: a 400 that names the field, never a 500 from the
/// first use of the missing value. The organisation import and the definition readers share the rule:
/// a field that is a list or a text may not be null, and a text in two languages has both.
/// </summary>
public sealed class MissingValueTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Theory]
    [InlineData("""{"sections":null,"users":[],"groups":[]}""")]
    [InlineData("""{"sections":[],"users":null,"groups":[]}""")]
    [InlineData("""{"sections":[],"users":[],"groups":null}""")]
    [InlineData("""{"sections":null,"users":null,"groups":null}""")]
    public async Task Org_import_reads_a_null_list_as_an_empty_one(string json)
    {
        // Null is read as left out: nothing of that kind is imported (a group's "members": null already meant none).
        var response = await _admin.PostAsync("/api/org/import", Raw(json), Ct);

        var result = await response.JsonAsync();
        Assert.All(new[] { "sections", "users", "groups" }, kind => Assert.Equal(0, (int?)result[kind]!["added"]));
    }

    [Fact]
    public async Task Org_import_with_a_null_list_still_imports_the_others()
    {
        var response = await _admin.PostAsync("/api/org/import",
            Raw("""{"sections":null,"users":null,"groups":[{"id":"null-list-group","name":{"zh-CN":"小组","en":"Group"},"members":null}]}"""), Ct);

        Assert.Equal(1, (int?)(await response.JsonAsync())["groups"]!["added"]);
    }

    [Theory]
    [InlineData("""{"users":[null]}""", "用户第 1 条")]
    [InlineData("""{"users":[{"id":null,"name":"张三","section":"secretariat"}]}""", "用户第 1 条")]
    [InlineData("""{"sections":[{"id":"s1","name":{}}]}""", "科室第 1 条")]
    [InlineData("""{"sections":[{"id":"s1","name":{"zh-CN":null,"en":"x"}}]}""", "科室第 1 条")]
    [InlineData("""{"groups":[{"id":"g1","name":{"zh-CN":"组","en":"g"},"members":[null]}]}""", "小组第 1 条")]
    public async Task Org_import_with_a_null_item_or_text_names_the_row(string json, string row)
    {
        var response = await _admin.PostAsync("/api/org/import", Raw(json), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "org-invalid");
        Assert.Contains(problem["problems"].Items(), p => ((string?)p["messageZh"])?.StartsWith(row) == true);
    }

    public static TheoryData<string, string> BrokenDefinitions => new()
    {
        { """{"name":{}}""", "zh-CN" },
        { """{"description":{}}""", "zh-CN" },
        { """{"name":{"zh-CN":"名称"}}""", "en" },
        { """{"name":{"zh-CN":null,"en":"x"}}""", "zh-CN" },
        { """{"startForm":[{"key":"a","label":{},"type":"text"}]}""", "zh-CN" },
        { """{"startForm":[{"key":"a","label":null,"type":"text"}]}""", "label" },
        { """{"activities":[{"id":"a","type":"Start","inputs":{},"displayName":{}}]}""", "zh-CN" },
        { """{"connections":[{"source":null,"outcome":null,"target":null}]}""", "source" },
        { """{"connections":[{}]}""", "source" },
        { """{"activities":[{"id":"a","type":"Start","inputs":null}]}""", "inputs" },
        { """{"activities":[{"id":"a","type":"Start","inputs":{},"position":{}}]}""", "x" },
        { """{"startForm":[{"key":"s","label":{"zh-CN":"选","en":"s"},"type":"select","options":[{"value":null,"label":{}}]}]}""", "value" },
        { """{"variables":[{"name":null}]}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public async Task Draft_import_and_validate_refuse_a_definition_with_a_missing_value_naming_it(string change, string field)
    {
        var definition = SampleDefinition(factory.Folder);
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject()) definition[key] = value?.DeepClone();
        var json = definition.ToJsonString();

        foreach (var (method, url) in new[] { ("PUT", $"/api/definitions/{SampleId}/draft"), ("POST", "/api/definitions/import"), ("POST", "/api/definitions/validate") })
        {
            var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Raw(json) }, Ct);

            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
            Assert.Contains(field, (string?)problem["title"]);
        }
    }
}
