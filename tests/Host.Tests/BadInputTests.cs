using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests;

/// <summary>
/// Whatever a caller sends wrong is answered with an RFC 7807 problem document carrying a title and a
/// machine code, with the right status, and never with a 500.
/// </summary>
public sealed class BadInputTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    // ---- malformed and empty bodies ----

    [Fact]
    public async Task Malformed_json_to_start_an_instance_is_400()
    {
        var response = await _client.PostAsync("/api/instances", Raw("{ \"definitionId\": "), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        Assert.StartsWith("请求内容不是有效的 JSON", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("[1, 2]", "not-an-object")]
    [InlineData("null", "not-an-object")]
    [InlineData("{}", "missing-definition-id")]
    [InlineData("{\"definitionId\": 7}", "missing-definition-id")]
    [InlineData("{\"definitionId\": \"sample-external-confirmation\", \"input\": [1]}", "input-not-object")]
    public async Task Start_body_of_the_wrong_shape_is_400(string body, string code)
    {
        var response = await _client.PostAsync("/api/instances", Raw(body), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Malformed_json_to_import_is_400()
    {
        var response = await _client.PostAsync("/api/definitions/import", Raw("{ \"id\": "), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task Import_of_a_definition_with_an_unknown_field_is_400()
    {
        var definition = SampleDefinition(factory.Folder);
        definition["colour"] = "red";

        var response = await _client.PostAsync("/api/definitions/import", Raw(definition.ToJsonString()), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        Assert.Contains("colour", (string?)problem["title"]);
    }

    [Fact]
    public async Task Malformed_json_to_signals_is_400()
    {
        var response = await _client.PostAsync("/api/signals", Raw("{ \"name\": \"confirmed\", "), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task Signal_without_a_name_is_400()
    {
        var response = await _client.PostAsync("/api/signals", Raw("{\"correlationKey\": \"x\"}"), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "missing-signal");
    }

    [Fact]
    public async Task Signal_that_is_not_json_is_415()
    {
        var response = await _client.PostAsync("/api/signals", Raw("name=confirmed", "text/plain"), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("不支持的请求内容类型，请以 application/json 发送", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("{\"definitionId\": \"sample-external-confirmation\", \"definitionId\": \"other\"}")]
    [InlineData("{\"definitionId\": \"sample-external-confirmation\", \"input\": {\"docNo\": \"A\", \"docNo\": \"B\"}}")]
    public async Task Start_body_with_a_duplicate_property_is_400(string body)
    {
        var response = await _client.PostAsync("/api/instances", Raw(body), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("POST", "/api/instances", "empty-body")]
    [InlineData("POST", "/api/definitions/import", "empty-body")]
    [InlineData("POST", "/api/definitions/validate", "empty-body")]
    [InlineData("PUT", "/api/definitions/sample-external-confirmation/draft", "empty-body")]
    [InlineData("POST", "/api/signals", "empty-body")]
    public async Task Empty_body_is_400(string method, string url, string code)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Raw("") };

        var response = await _client.SendAsync(request, Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, code);
    }

    // ---- things that do not exist ----

    [Fact]
    public async Task Starting_an_unknown_definition_is_404()
    {
        var response = await _client.PostAsJsonAsync("/api/instances", new { definitionId = "no-such-flow", input = new { } }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
        Assert.Contains("no-such-flow", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("/api/definitions/no-such-flow")]
    [InlineData("/api/definitions/no-such-flow/versions")]
    [InlineData("/api/definitions/no-such-flow/versions/1")]
    [InlineData("/api/definitions/sample-external-confirmation/versions/9")]
    [InlineData("/api/definitions/no-such-flow/export")]
    public async Task Reading_an_unknown_definition_is_404(string url)
    {
        var response = await _client.GetAsync(url, Ct);

        await response.ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
    }

    [Fact]
    public async Task Publishing_without_a_draft_is_404()
    {
        var response = await _client.PostAsync("/api/definitions/no-such-flow/publish", null, Ct);

        await response.ProblemAsync(HttpStatusCode.NotFound, "no-draft");
    }

    [Fact]
    public async Task Reading_an_unknown_instance_is_404()
    {
        var response = await _client.GetAsync("/api/instances/0123456789abcdef0123456789abcdef", Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "instance-not-found");
        Assert.Equal("流程实例不存在", (string?)problem["title"]);
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("retry")]
    public async Task Commands_on_an_unknown_instance_are_404(string command)
    {
        var response = await _client.PostAsync($"/api/instances/no-such-instance/{command}", null, Ct);

        await response.ProblemAsync(HttpStatusCode.NotFound, "instance-not-found");
    }

    // ---- start form validation ----

    [Fact]
    public async Task Invalid_form_input_is_400_with_an_error_per_field_in_chinese_by_default()
    {
        var response = await _client.PostAsJsonAsync("/api/instances",
            new { definitionId = SampleId, input = new { amount = -5, colour = "red" } }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.Equal("表单填写有误，请检查标出的字段", (string?)problem["title"]);
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        Assert.Equal(["amount", "colour", "docNo"], errors.Select(e => e.Key).Order());
        Assert.Equal("请填写“文号”", (string?)errors["docNo"]);
        Assert.Equal("“金额（元）”不能小于 0", (string?)errors["amount"]);
        Assert.Equal("表单没有字段“colour”", (string?)errors["colour"]);
    }

    [Fact]
    public async Task Invalid_form_input_is_answered_in_english_when_asked_for()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = SampleId, input = new { docNo = new string('x', 51), amount = "lots" } }),
        }.WithLanguage("en");

        var problem = await (await _client.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");

        Assert.Equal("the form has errors; check the marked fields", (string?)problem["title"]);
        Assert.Equal("'Document number' allows at most 50 characters", (string?)problem["errors"]!["docNo"]);
        Assert.Equal("'Amount (CNY)' must be a number", (string?)problem["errors"]!["amount"]);
    }

    [Fact]
    public async Task A_field_pattern_that_backtracks_is_a_400_for_that_field_in_both_languages()
    {
        const string id = "pattern-timeout-check";
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = id;
        definition["startForm"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "code", ["label"] = new JsonObject { ["zh-CN"] = "编号", ["en"] = "Code" }, ["type"] = "text", ["pattern"] = "(a+)+b",
        });
        (await _client.PutAsync($"/api/definitions/{id}/draft", Raw(definition.ToJsonString()), Ct)).EnsureSuccessStatusCode();
        (await _client.PostAsync($"/api/definitions/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        object Body() => new { definitionId = id, input = new { docNo = "D1", code = new string('a', 30) + "c" } };

        var zh = await (await _client.PostAsJsonAsync("/api/instances", Body(), Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.StartsWith("“编号”无法在限定时间内校验", (string?)zh["errors"]!["code"]);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = JsonContent.Create(Body()) }.WithLanguage("en");
        var en = await (await _client.SendAsync(request, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.StartsWith("'Code' could not be checked in time", (string?)en["errors"]!["code"]);
    }

    [Fact]
    public async Task Publishing_a_field_pattern_that_does_not_compile_is_400_naming_the_field()
    {
        const string id = "pattern-invalid-check";
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = id;
        definition["startForm"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "code", ["label"] = new JsonObject { ["zh-CN"] = "编号", ["en"] = "Code" }, ["type"] = "text", ["pattern"] = "(abc",
        });
        (await _client.PutAsync($"/api/definitions/{id}/draft", Raw(definition.ToJsonString()), Ct)).EnsureSuccessStatusCode();

        var problem = await (await _client.PostAsync($"/api/definitions/{id}/publish", null, Ct)).ProblemAsync(HttpStatusCode.BadRequest, "definition-invalid");
        var reported = Assert.Single(problem["problems"].Items(), p => (string?)p["code"] == "form-field-pattern");
        Assert.StartsWith("字段“编号”（code）的格式规则不是有效的正则表达式", (string?)reported["messageZh"]);
        Assert.StartsWith("field 'Code' (code) has an invalid pattern", (string?)reported["messageEn"]);
    }

    [Fact]
    public async Task Language_can_also_be_chosen_with_the_lang_query()
    {
        var response = await _client.PostAsJsonAsync("/api/instances?lang=en", new { definitionId = SampleId, input = new { } }, Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-form");
        Assert.Equal("'Document number' is required", (string?)problem["errors"]!["docNo"]);
    }

    // ---- state conflicts and mismatches ----

    [Fact]
    public async Task Cancelling_a_finished_instance_is_409()
    {
        var docNo = NewDocNo();
        var id = (string)(await _client.StartSampleAsync(docNo))["id"]!;
        Assert.Equal(1, (int?)(await _client.SignalAsync("confirmed", docNo, new { approved = true }))["resumed"]);

        var response = await _client.PostAsync($"/api/instances/{id}/cancel", null, Ct);

        await response.ProblemAsync(HttpStatusCode.Conflict, "instance-ended");
        Assert.Equal("Finished", (string?)(await _client.InstanceAsync(id))["instance"]!["status"]);
    }

    [Fact]
    public async Task Cancelling_twice_is_409()
    {
        var id = (string)(await _client.StartSampleAsync(NewDocNo()))["id"]!;
        (await _client.PostAsync($"/api/instances/{id}/cancel", null, Ct)).EnsureSuccessStatusCode();

        var response = await _client.PostAsync($"/api/instances/{id}/cancel", null, Ct);

        await response.ProblemAsync(HttpStatusCode.Conflict, "instance-ended");
    }

    [Fact]
    public async Task Retrying_an_instance_that_is_not_faulted_is_409()
    {
        var id = (string)(await _client.StartSampleAsync(NewDocNo()))["id"]!;

        var response = await _client.PostAsync($"/api/instances/{id}/retry", null, Ct);

        await response.ProblemAsync(HttpStatusCode.Conflict, "not-faulted");
    }

    [Fact]
    public async Task Unknown_address_and_wrong_method_are_problems_with_a_code()
    {
        await (await _client.GetAsync("/api/nothing-here", Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-found");
        var wrongMethod = await _client.DeleteAsync($"/api/definitions/{SampleId}", Ct);
        await wrongMethod.ProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        var english = new HttpRequestMessage(HttpMethod.Get, "/api/nothing-here").WithLanguage("en");
        var problem = await (await _client.SendAsync(english, Ct)).ProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("the requested address does not exist", (string?)problem["title"]);
    }

    [Fact]
    public async Task Cancel_with_a_malformed_body_is_400()
    {
        var id = (string)(await _client.StartSampleAsync(NewDocNo()))["id"]!;

        var response = await _client.PostAsync($"/api/instances/{id}/cancel", Raw("{ reason"), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        Assert.Equal("Suspended", (string?)(await _client.InstanceAsync(id))["instance"]!["status"]);
    }

    [Fact]
    public async Task Draft_whose_body_id_differs_from_the_address_is_400()
    {
        var definition = SampleDefinition(factory.Folder);
        definition["id"] = "another-flow";

        var response = await _client.PutAsync($"/api/definitions/{SampleId}/draft", Raw(definition.ToJsonString()), Ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "id-mismatch");
        Assert.Contains("another-flow", (string?)problem["title"]);
        await (await _client.GetAsync("/api/definitions/another-flow/versions", Ct)).ProblemAsync(HttpStatusCode.NotFound, "definition-not-found");
    }

    [Fact]
    public async Task Malformed_draft_is_400()
    {
        var response = await _client.PutAsync($"/api/definitions/{SampleId}/draft", Raw("{ \"id\": \"sample-external-confirmation\", "), Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("/api/definitions/sample-external-confirmation/export?version=abc")]
    [InlineData("/api/instances?status=Sleeping")]
    [InlineData("/api/instances?page=first")]
    public async Task Query_values_of_the_wrong_type_are_400(string url)
    {
        var response = await _client.GetAsync(url, Ct);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }
}
