using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Host.Api.Requests;

/// <summary>
/// Starting a request, for the API and the start form alike, so that nothing is lost or doubled:
/// <list type="bullet">
/// <item>the form's files are staged (written to disk) before the case starts, so a disk that cannot take them stops the
/// start and leaves no case behind;</item>
/// <item>with an idempotency key the case's id is derived from the person and the key, so a retry of the same submission
/// (a second 提交, a client repeating a request whose answer it lost) returns the case already started instead of a second
/// one, and attaches any of its files the first attempt could not.</item>
/// </list>
/// </summary>
public sealed class RequestStarts(IWorkflowRuntime runtime, AttachmentStore attachments, ILogger<RequestStarts> log)
{
    /// <summary>A file of the start form, opened when it is staged.</summary>
    public sealed record FormFile(string Name, Func<Stream> Open);

    public sealed record Started(WorkflowInstance Instance, bool Replayed);

    public async Task<Started> StartAsync(string definitionId, JsonObject input, Actor actor, string? idempotencyKey,
        IReadOnlyList<FormFile> files, CancellationToken ct = default)
    {
        var id = idempotencyKey is null ? null : InstanceIdFor(actor.Id, idempotencyKey);
        var staged = new List<StagedAttachment>();
        try
        {
            foreach (var file in files)
            {
                try
                {
                    await using var content = file.Open();
                    staged.Add(await attachments.StageAsync(file.Name, content, ct));
                }
                catch (Exception e) when (e is not ApprovalException)
                {
                    log.LogError(e, "Attachment {FileName} of a new {DefinitionId} request by {User} could not be stored; the request was not started",
                        file.Name, definitionId, actor.Id);
                    throw;
                }
            }
            var existing = id is null ? null : await ExistingAsync(id, definitionId, actor, ct);
            var replayed = existing is not null;
            WorkflowInstance instance;
            if (existing is not null) instance = existing;
            else
            {
                try
                {
                    instance = id is null ? await runtime.StartAsync(definitionId, input, actor.Id, ct) : await runtime.StartAsync(definitionId, input, actor.Id, id, ct);
                }
                catch (ApprovalException e) when (id is not null && e.Code == "concurrent-change")
                {
                    // The same submission arrived twice at once: the other one started it.
                    var first = await ExistingAsync(id, definitionId, actor, ct);
                    if (first is null) throw;
                    instance = first;
                    replayed = true;
                }
            }
            await AttachAsync(instance, actor, staged, replayed, ct);
            return new Started(instance, replayed);
        }
        finally
        {
            foreach (var file in staged) AttachmentStore.Discard(file); // no-op for those attached
        }
    }

    /// <summary>The case's id for one person's submission: the key alone would let another person's key collide.</summary>
    public static string InstanceIdFor(string userId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"start\n{userId}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The idempotency key as sent: 1–200 visible ASCII characters.</summary>
    public static string? ValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        key = key.Trim();
        if (key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
            throw ApprovalException.Invalid("invalid-idempotency-key", "Idempotency-Key 须为 1–200 个可见 ASCII 字符",
                "Idempotency-Key must be 1–200 visible ASCII characters");
        return key;
    }

    private async Task<WorkflowInstance?> ExistingAsync(string id, string definitionId, Actor actor, CancellationToken ct)
    {
        var existing = (await runtime.GetAsync(id, ct))?.Instance;
        if (existing is null) return null;
        if (existing.Initiator != actor.Id || existing.DefinitionId != definitionId)
            throw ApprovalException.Conflict("idempotency-key-reused", "该 Idempotency-Key 已用于另一项申请，请为新的申请使用新的键",
                "this Idempotency-Key was used for another request; use a new key for a new request");
        return existing;
    }

    /// <summary>
    /// The staged files become the case's attachments; on a replay only those the case does not have yet (same name and
    /// content). A file that cannot be attached after the case started is logged (the case names it nowhere else) and the
    /// error goes to the caller, whose retry with the same key attaches it.
    /// </summary>
    private async Task AttachAsync(WorkflowInstance instance, Actor actor, List<StagedAttachment> staged, bool replayed, CancellationToken ct)
    {
        var have = replayed ? (await attachments.ListAsync(instance.Id, actor, ct)).Select(a => (a.FileName, a.Sha256)).ToHashSet() : [];
        foreach (var file in staged)
        {
            if (have.Contains((file.FileName, file.Sha256))) continue;
            try
            {
                await attachments.AddStagedAsync(instance.Id, null, actor, file, ct);
            }
            catch (Exception e)
            {
                log.LogError(e, "Attachment {FileName} ({Size} bytes) of case {InstanceId} was not stored; a retry of the same submission attaches it",
                    file.FileName, file.Size, instance.Id);
                throw;
            }
        }
    }
}
