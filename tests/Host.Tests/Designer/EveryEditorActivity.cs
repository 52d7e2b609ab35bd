using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Activities.Primitives;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Host.Tests.Designer;

/// <summary>A test-only activity with one input per editor kind the property panel knows.</summary>
[Activity("EveryEditor", CategoryZh = "测试", CategoryEn = "Test", NameZh = "全部编辑器", NameEn = "Every editor", Icon = "Science")]
[Outcome("Done", "完成", "Done")]
public sealed class EveryEditorActivity : Activity
{
    [Input("文本", "Text", Order = 1)] public string? Text { get; set; }
    [Input("多行", "Multiline", Editor = InputEditors.Multiline, Order = 2)] public string? Multiline { get; set; }
    [Input("数字", "Number", Editor = InputEditors.Number, Order = 3)] public int Number { get; set; }
    [Input("开关", "Switch", Editor = InputEditors.Switch, Order = 4)] public bool Flag { get; set; }
    [Input("选择", "Select", Editor = InputEditors.Select, Options = ["A", "B"], Order = 5)] public string Choice { get; set; } = "A";
    [Input("时长", "Duration", Editor = InputEditors.Duration, Order = 6)] public string? Duration { get; set; }
    [Input("时间", "Date time", Editor = InputEditors.DateTime, Order = 7)] public DateTimeOffset? At { get; set; }
    [Input("条件", "Condition", Editor = InputEditors.Expression, Order = 8)] public bool Condition { get; set; }
    [Input("分支", "Cases", Editor = InputEditors.Cases, Order = 9)] public List<SwitchCase>? Cases { get; set; }
    [Input("赋值", "Assignments", Editor = InputEditors.Assignments, Order = 10)] public Dictionary<string, JsonNode?>? Assignments { get; set; }
    [Input("JSON", "JSON", Editor = InputEditors.Json, Order = 11)] public JsonNode? Data { get; set; }
    [Input("人员", "Users", Editor = InputEditors.Users, Order = 12)] public List<string>? People { get; set; }
    [Input("科室", "Section", Editor = InputEditors.Section, Order = 13)] public string? Section { get; set; }
    [Input("小组", "Group", Editor = InputEditors.Group, Order = 14)] public string? Group { get; set; }
    [Input("岗位", "Position", Editor = InputEditors.Position, Order = 15)] public string? Position { get; set; }
    [Input("期限", "Deadline", Editor = InputEditors.DeadlineRule, Order = 16)] public DeadlineRule? Deadline { get; set; }
    [Input("字段权限", "Field permissions", Editor = InputEditors.FieldPermissions, Order = 17)] public Dictionary<string, string>? Permissions { get; set; }
    [Input("办理人", "Assignment", Editor = InputEditors.Assignment, Order = 18)] public AssignmentRule? Assignment { get; set; }
    [Input("操作", "Actions", Editor = InputEditors.Actions, Order = 19)] public List<string>? Actions { get; set; }

    /// <summary>Every editor name, as the property panel must render them.</summary>
    public static readonly string[] Editors =
    [
        InputEditors.Text, InputEditors.Multiline, InputEditors.Number, InputEditors.Switch, InputEditors.Select, InputEditors.Duration,
        InputEditors.DateTime, InputEditors.Expression, InputEditors.Cases, InputEditors.Assignments, InputEditors.Json, InputEditors.Users,
        InputEditors.Section, InputEditors.Group, InputEditors.Position, InputEditors.DeadlineRule, InputEditors.FieldPermissions,
        InputEditors.Assignment, InputEditors.Actions,
    ];

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete(Outcomes.Done);
        return ValueTask.CompletedTask;
    }
}
