using Approvals.Workflows.Definitions;

namespace Approvals.Host.Components.Designer;

/// <summary>
/// A simple layered layout: columns by distance from Start (breadth-first, so loops back do not push
/// nodes further right), rows ordered by the average row of their predecessors to keep lines short.
/// Activities Start cannot reach go in a last column.
/// </summary>
public static class AutoLayout
{
    public const double Left = 80, Top = 80, ColumnGap = 100, RowGap = 36;

    public static void Apply(WorkflowDefinition d, Func<ActivityNode, double> heightOf)
    {
        if (d.Activities.Count == 0) return;
        var depth = new Dictionary<string, int>();
        var order = new List<string>();
        var start = d.Activities.FirstOrDefault(a => a.Type == "Start") ?? d.Activities[0];
        var queue = new Queue<string>();
        depth[start.Id] = 0;
        queue.Enqueue(start.Id);
        var outgoing = d.Connections.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Select(c => c.Target).ToList());
        while (queue.TryDequeue(out var id))
        {
            order.Add(id);
            foreach (var next in outgoing.GetValueOrDefault(id) ?? [])
                if (d.FindActivity(next) is not null && depth.TryAdd(next, depth[id] + 1)) queue.Enqueue(next);
        }
        var last = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        foreach (var a in d.Activities.Where(a => !depth.ContainsKey(a.Id)))
        {
            depth[a.Id] = last;
            order.Add(a.Id);
        }

        var incoming = d.Connections.GroupBy(c => c.Target).ToDictionary(g => g.Key, g => g.Select(c => c.Source).ToList());
        var row = new Dictionary<string, double>();
        var byId = d.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        double x = Left;
        foreach (var column in order.GroupBy(id => depth[id]).OrderBy(g => g.Key))
        {
            // Keep the BFS order, but pull each node towards its already placed predecessors.
            var ids = column.Select((id, i) => (id, key: Barycenter(id, incoming, row) ?? i * 1000.0, i))
                .OrderBy(t => t.key).ThenBy(t => t.i).Select(t => t.id).ToList();
            double y = Top;
            var index = 0;
            foreach (var id in ids)
            {
                var node = byId[id];
                node.Position = new(x, y);
                row[id] = index++;
                y += heightOf(node) + RowGap;
            }
            x += NodeGeometry.Width + ColumnGap;
        }
    }

    private static double? Barycenter(string id, Dictionary<string, List<string>> incoming, Dictionary<string, double> row)
    {
        var rows = (incoming.GetValueOrDefault(id) ?? []).Where(row.ContainsKey).Select(s => row[s]).ToList();
        return rows.Count == 0 ? null : rows.Average() * 1000.0;
    }
}
