using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// What a person does to a task; the payload of the stimulus that resumes the step's bookmark.
/// <see cref="Kind"/> is one of <see cref="TaskActionKinds"/>.
/// </summary>
public sealed record TaskAction(string Kind, string TaskId)
{
    public string? Comment { get; init; }
    /// <summary>退回: the earlier step to go back to (null: follow the step's Returned connection).</summary>
    public string? TargetActivityId { get; init; }
    /// <summary>转办 / 委派: one user; 加签 / 抄送: several.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
    /// <summary>加签: "before" or "after" the person adding.</summary>
    public string? Position { get; init; }
    /// <summary>Fields the step allows to edit, with their new values.</summary>
    public JsonObject? FormChanges { get; init; }
    /// <summary>同意 at a step with result fields: their values (e.g. a filing number).</summary>
    public JsonObject? Data { get; init; }
    /// <summary>Set by the inbox when an admin acts on someone else's task (recorded as such).</summary>
    public bool AsAdmin { get; init; }

    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, JsonSerializerOptions.Web)!;
    public static TaskAction? From(JsonNode? node) => node?.Deserialize<TaskAction>(JsonSerializerOptions.Web);
}

/// <summary>The actions on a task. The ones a step allows are listed in its <c>allowedActions</c> input.</summary>
public static class TaskActionKinds
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Return = "return";
    public const string Transfer = "transfer";
    public const string Delegate = "delegate";
    public const string AddSigner = "addSigner";
    public const string CarbonCopy = "cc";
    public const string Claim = "claim";
    public const string Release = "release";
    public const string Urge = "urge";

    /// <summary>The actions a step allows when its definition does not say.</summary>
    public static readonly string[] Default = [Approve, Reject, Return, Transfer, Delegate, AddSigner, CarbonCopy];
}
