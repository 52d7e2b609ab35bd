using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Tests.Designer;

/// <summary>
/// Builds a valid flow of any size for measuring the designer: Start, then rows of approval steps
/// (UserTask with its four outcomes), decisions and variable settings, joined back, and an End. Every
/// activity is reachable and every outcome used is declared, so the engine's validator passes it.
/// Write one with <c>LargeFlow.Write(path, 150)</c> (see docs/designer.md, "Measuring").
/// </summary>
public static class LargeFlow
{
    public static WorkflowDefinition Build(int activities, string id = "large-flow")
    {
        if (activities < 3) throw new ArgumentOutOfRangeException(nameof(activities));
        var d = new WorkflowDefinition
        {
            Id = id,
            Name = new($"大型流程（{activities} 个节点）", $"Large flow ({activities} activities)"),
            Category = "测试",
            StartForm =
            [
                new FormField { Key = "days", Label = new("天数", "Days"), Type = FormFieldType.Number, Required = true, Min = "0" },
                new FormField { Key = "reason", Label = new("事由", "Reason"), Type = FormFieldType.Multiline },
            ],
            Variables = [new VariableDefinition { Name = "count", Type = "number", Default = 0 }],
        };
        d.Activities.Add(new ActivityNode { Id = "start", Type = "Start", DisplayName = new("开始", "Start") });
        var previous = "start";
        var previousOutcome = "Done";
        var middle = activities - 2;
        for (var i = 1; i <= middle; i++)
        {
            var id_ = $"a{i}";
            ActivityNode node;
            switch (i % 3)
            {
                case 1:
                    node = new ActivityNode
                    {
                        Id = id_, Type = "UserTask", DisplayName = new($"第{i}步审批", $"Approval {i}"),
                        Inputs = new JsonObject
                        {
                            ["assignment"] = new JsonObject { ["strategy"] = "initiatorChief" },
                            ["title"] = $"审批 {i}",
                            ["deadline"] = new JsonObject { ["kind"] = "duration", ["value"] = "P1D" },
                        },
                    };
                    break;
                case 2:
                    node = new ActivityNode
                    {
                        Id = id_, Type = "Decision", DisplayName = new($"判断{i}", $"Check {i}"),
                        Inputs = new JsonObject { ["condition"] = new JsonObject { ["js"] = $"input.days > {i % 7}" } },
                    };
                    break;
                default:
                    node = new ActivityNode
                    {
                        Id = id_, Type = "SetVariable", DisplayName = new($"计数{i}", $"Count {i}"),
                        Inputs = new JsonObject { ["variable"] = "count", ["value"] = new JsonObject { ["js"] = "vars.count + 1" } },
                    };
                    break;
            }
            d.Activities.Add(node);
            d.Connections.Add(new Connection(previous, previousOutcome, id_));
            switch (node.Type)
            {
                case "UserTask":
                    // Rejected / returned / timed out go straight on too, so every outcome is connected.
                    previous = id_;
                    previousOutcome = "Approved";
                    break;
                case "Decision":
                    previous = id_;
                    previousOutcome = "True";
                    break;
                default:
                    previous = id_;
                    previousOutcome = "Done";
                    break;
            }
        }
        d.Activities.Add(new ActivityNode { Id = "end", Type = "End", DisplayName = new("结束", "End"), Inputs = new JsonObject { ["result"] = "Approved" } });
        d.Connections.Add(new Connection(previous, previousOutcome, "end"));
        // Side exits: every decision's False and every approval's Rejected lead to the End, as real flows do.
        foreach (var a in d.Activities)
        {
            if (a.Type == "Decision") d.Connections.Add(new Connection(a.Id, "False", "end"));
            if (a.Type == "UserTask") d.Connections.Add(new Connection(a.Id, "Rejected", "end"));
        }
        // A grid, twelve to a row, as a big flow drawn by hand tends to be (auto-layout would make one long chain).
        for (var i = 0; i < d.Activities.Count; i++)
            d.Activities[i].Position = new(80 + i % 12 * 280, 80 + i / 12 * 200);
        return d;
    }

    /// <summary>Writes the flow as a definition file in the canonical format.</summary>
    public static void Write(string path, int activities) => File.WriteAllText(path, WorkflowJson.Serialize(Build(activities)));
}
