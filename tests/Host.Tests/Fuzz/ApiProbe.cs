using System.Net.Http.Headers;
using System.Text;
using CsCheck;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>A body as sent: its media type and bytes.</summary>
public sealed record ProbeBody(string MediaType, string Text)
{
    public byte[] Bytes => MalformedJson.Encode(Text);
}

/// <summary>One generated request to an operation: who asks, in which language, with which path values, query and body.</summary>
public sealed record ApiProbe(ApiOperation Operation, string User, string? AcceptLanguage, string[] PathValues, string Query, ProbeBody? Body)
{
    public string Url => Operation.Fill(PathValues) + Query;

    /// <summary>Whether the answer should be English: <c>?lang=</c> first, else Accept-Language (as the host decides).</summary>
    public bool WantsEnglish
    {
        get
        {
            var lang = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue("lang", out var q) ? q.ToString() : "";
            return lang.Length > 0 ? lang.StartsWith("en", StringComparison.OrdinalIgnoreCase)
                : AcceptLanguage?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        }
    }

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        request.Headers.Add(HostFactory.ActingUserHeader, User);
        if (AcceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(AcceptLanguage);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body.Bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(Body.MediaType) { CharSet = "utf-8" };
        }
        return request;
    }

    /// <summary>The request as a failure message shows it (long bodies cut).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"{Operation}: {Operation.Method} {Url} as {User}, Accept-Language {AcceptLanguage ?? "(none)"}");
        if (Body is not null)
            sb.Append($", {Body.MediaType} body ({Body.Text.Length} chars): ")
                .Append(Body.Text.Length > 600 ? Body.Text[..600] + "…" : Body.Text);
        return sb.ToString();
    }
}

/// <summary>A well-formed body for the operations under <paramref name="PathPrefix"/>, to be broken by <see cref="SeedMutation"/>.</summary>
public sealed record SeedBody(string PathPrefix, string Json);

/// <summary>What the generators draw on: the callers, ids that exist in the host, and well-formed bodies to break.</summary>
public sealed record FuzzWorld(string[] Users, string[] KnownIds, SeedBody[] Seeds)
{
    private static readonly string[] MalformedPathValues =
    [
        "0", "-1", "1", "2147483648", "99999999999999999999999999", "-99999999999999999999", "1.5", "1e400", "abc", "null", "undefined",
        "true", "%E4%B8%AD%E6%96%87", "%F0%9F%98%80", "00000000-0000-0000-0000-000000000000", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "%7B3F2504E0-4F89-11D3-9A0C-0305E82C3301%7D", "%20", "%00", "%ED%A0%80", "%FF", "%C3%28", "..", "%2E%2E", "a%2Fb", "%25",
        "%27%3B%20drop%20table%20users%3B--", "%3Cscript%3E", new string('a', 3000), "0123456789abcdef0123456789abcdef",
        "DOC-%E2%80%AE", "x%0D%0Ay",
    ];

    private static readonly string[] QueryNames =
        ["page", "pageSize", "status", "unread", "definitionId", "overdue", "dueToday", "sort", "year", "month", "version", "userId",
         "section", "category", "q", "owner", "open", "lang", "id"];

    private static readonly string[] QueryValues =
        ["", "abc", "-1", "0", "1", "2147483648", "-2147483649", "99999999999999999999", "1.5", "1e400", "true", "yes", "null", "Running",
         "Sleeping", "%E4%B8%AD%E6%96%87", "%ED%A0%80", "%FF", "%00", "en", "zh-CN", "fr", "10000", "9999", "13", "2026",
         new string('q', 3000), "a%26b%3Dc", "%27"];

    private Gen<string> PathValue => Gen.Frequency(
        (2, Gen.OneOf(MalformedPathValues)),
        (2, Gen.OneOf(KnownIds).Select(Uri.EscapeDataString)),
        (1, Gen.String[Gen.Char['\u0021', '\u2fff'], 1, 20].Select(Uri.EscapeDataString)));

    private Gen<string> QueryString => Gen.Select(Gen.OneOf(QueryNames), Gen.Frequency((3, Gen.OneOf(QueryValues)), (1, Gen.OneOf(KnownIds))))
        .Array[0, 3].Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(p => p.Item1 + "=" + p.Item2)));

    /// <summary>
    /// Bodies: mostly a well-formed body meant for this operation with a few values broken (this is what reaches past
    /// the first checks), else one meant for another operation, objects of known fields, any value, text that is not
    /// JSON, a body over the size limit, CSV, an empty body or none.
    /// </summary>
    private Gen<ProbeBody?> BodyGen(ApiOperation operation)
    {
        var all = Seeds.Select(s => s.Json).ToArray();
        var own = Seeds.Where(s => operation.Path.StartsWith(s.PathPrefix, StringComparison.Ordinal)).Select(s => s.Json).ToArray();
        if (own.Length == 0) own = all;
        var value = MalformedJson.Value(KnownIds);
        var json = Gen.Frequency(
            (8, SeedMutation.Of(own, value)),
            (2, SeedMutation.Of(all, value)),
            (2, MalformedJson.Object(value, KnownIds)),
            (1, value),
            (2, MalformedJson.NotJson(all)),
            (1, Gen.OneOf(own)));
        // Over the 2 MB limit: one large string, so the body is valid JSON and only its size is wrong.
        var huge = Gen.Const("{\"text\":\"" + new string('x', 2 * 1024 * 1024 + 16) + "\"}");
        var csv = Gen.Select(Gen.String[Gen.Char[",\"\n\r a-z0-9\u4e2d"], 0, 200], Gen.Bool)
            .Select((s, badUtf8) => "id,name,section,position\n" + s + "\nx," + (badUtf8 ? MalformedJson.BadUtf8 : "名") + ",\"open");
        return Gen.Frequency(
            (16, json.Select(t => (ProbeBody?)new ProbeBody("application/json", t))),
            (1, huge.Select(t => (ProbeBody?)new ProbeBody("application/json", t))),
            (1, csv.Select(t => (ProbeBody?)new ProbeBody("text/csv", t))),
            (1, Gen.Const((ProbeBody?)new ProbeBody("application/json", ""))),
            (1, Gen.Const((ProbeBody?)null)));
    }

    /// <summary>Requests to <paramref name="operation"/>: every path parameter, the query, the body (when the method takes one), the caller and the language vary.</summary>
    public Gen<ApiProbe> Probes(ApiOperation operation) =>
        Gen.Select(
            Gen.OneOf(Users),
            Gen.OneOf<string?>(null, "zh-CN", "zh-CN,zh;q=0.9", "en", "en-US,en;q=0.8", "fr"),
            PathValue.Array[operation.Parameters.Count],
            QueryString,
            operation.TakesBody ? BodyGen(operation) : Gen.Const((ProbeBody?)null),
            (user, language, path, query, body) => new ApiProbe(operation, user, language, path, query, body));
}
