using System.Text.RegularExpressions;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Components.Designer;

/// <summary>New flows: an empty one (Start → End, valid from the first save) and a copy under a new id.</summary>
public static partial class FlowTemplates
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex IdPattern();

    /// <summary>Null when <paramref name="id"/> can name a flow, else why not (both languages).</summary>
    public static LocalizedText? CheckId(string? id) =>
        string.IsNullOrWhiteSpace(id) ? new("请填写流程标识", "enter a flow id")
        : IdPattern().IsMatch(id) ? null
        : new("流程标识只能用小写字母、数字和连字符（如 leave-request）", "use lower-case letters, digits and hyphens (e.g. leave-request)");

    public static WorkflowDefinition Empty(string id, string nameZh, string nameEn, string category) => new()
    {
        Id = id,
        Version = 1,
        Name = new(nameZh, nameEn),
        Category = category,
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start", DisplayName = new("开始", "Start"), Position = new(80, 160) },
            new ActivityNode { Id = "end", Type = "End", DisplayName = new("结束", "End"), Position = new(480, 160) },
        ],
        Connections = [new Connection("start", "Done", "end")],
    };

    /// <summary>A deep copy under a new id and names, starting again at version 1.</summary>
    public static WorkflowDefinition Duplicate(WorkflowDefinition source, string id, LocalizedText? name = null)
    {
        var copy = WorkflowJson.Clone(source);
        copy.Id = id;
        copy.Version = 1;
        copy.Name = name ?? new(source.Name.ZhCN + "（副本）", source.Name.En.Length > 0 ? source.Name.En + " (copy)" : "");
        return copy;
    }
}
