using System.Text.RegularExpressions;

namespace Approvals.Host.Tests.Fuzz;

/// <summary>
/// One operation of the API as the host's own OpenAPI document lists it: a method and a path template. Only the
/// paths and methods are read, never schemas, so the test covers every operation whether or not the document
/// describes its body and parameters.
/// </summary>
public sealed partial record ApiOperation(string Method, string Path)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>The names of the path's <c>{parameters}</c>, in order (a route constraint such as <c>:int</c> dropped).</summary>
    public IReadOnlyList<string> Parameters => [.. ParameterPattern().Matches(Path).Select(m => m.Groups[1].Value)];

    /// <summary>Methods that carry a body.</summary>
    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>The path with each parameter replaced by the given (already URL-encoded) value.</summary>
    public string Fill(IReadOnlyList<string> values)
    {
        var i = 0;
        return ParameterPattern().Replace(Path, _ => values[i++]);
    }

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation in <c>/openapi/v1.json</c>.</summary>
    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(HttpClient client, CancellationToken ct)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", ct))!;
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var method in Methods)
                if (item![method] is not null)
                    operations.Add(new ApiOperation(method.ToUpperInvariant(), path));
        return operations;
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
