using Approvals.Workflows.Definitions;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;

namespace Approvals.Host.Components.Designer;

/// <summary>
/// Keeps a Z.Blazor.Diagrams diagram in step with a <see cref="DesignerState"/>. The definition is the
/// only truth: gestures on the canvas (drag a node, draw a connection, select) become operations on the
/// state, and every change of the state is brought to the canvas by <see cref="Sync"/>, which adds,
/// removes and updates only what differs (so a 150-activity flow stays quick to edit).
/// </summary>
public sealed class CanvasBinding : IDisposable
{
    private readonly Dictionary<string, ActivityNodeModel> _nodes = new();
    private readonly List<ConnectionLinkModel> _links = [];
    private bool _syncing;
    private bool _selecting;

    public CanvasBinding(DesignerState state)
    {
        State = state;
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            AllowPanning = true,
            GridSize = state.ReadOnly ? null : 10,
        };
        options.Zoom.Minimum = 0.1;
        options.Zoom.Maximum = 2.5;
        options.Links.DefaultRouter = new NormalRouter();
        options.Links.DefaultPathGenerator = new SmoothPathGenerator();
        options.Links.EnableSnapping = true;
        options.Links.SnappingRadius = 25;
        options.Links.RequireTarget = true;
        options.Links.DefaultColor = "#90a4ae";
        options.Links.DefaultSelectedColor = "#1565c0";
        // Only outcome ports start connections, and never on a read-only flow.
        options.Links.Factory = (_, source, target) =>
            !State.ReadOnly && source is OutcomePortModel port ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow } : null;
        options.Virtualization.Enabled = state.Definition.Activities.Count > 60;
        options.Virtualization.OnLinks = false;
        Diagram = new BlazorDiagram(options);
        Diagram.RegisterComponent<ActivityNodeModel, ActivityNodeWidget>();
        // Deleting goes through the definition (see the canvas's key handling), not the library's shortcut.
        Diagram.GetBehavior<KeyboardShortcutsBehavior>()?.RemoveShortcut("Delete", false, false, false);

        Diagram.Links.Added += OnLinkAdded;
        Diagram.Links.Removed += OnLinkRemoved;
        Diagram.PointerUp += OnPointerUp;
        Diagram.SelectionChanged += OnDiagramSelectionChanged;
        State.Changed += Sync;
        State.SelectionChanged += ApplySelection;
        Sync();
    }

    public DesignerState State { get; }
    public BlazorDiagram Diagram { get; }

    /// <summary>The instance viewer's colours: what ran, where it waits, where it failed, the connections taken.</summary>
    public Func<string, NodeRunState>? RunStateOf { get; set; }
    public IReadOnlySet<(string, string, string)> Taken { get; set; } = new HashSet<(string, string, string)>();

    /// <summary>How many activity nodes the canvas holds.</summary>
    public int NodeCount => _nodes.Count;
    public int LinkCount => _links.Count;

    public ActivityNodeModel? NodeOf(string activityId) => _nodes.GetValueOrDefault(activityId);

    /// <summary>Brings the canvas in line with the definition.</summary>
    public void Sync()
    {
        _syncing = true;
        try
        {
            Diagram.Batch(SyncNow);
        }
        finally { _syncing = false; }
        ApplySelection();
    }

    private void SyncNow()
    {
        var d = State.Definition;
        var activities = new Dictionary<string, ActivityNode>();
        foreach (var a in d.Activities) activities.TryAdd(a.Id, a);

        foreach (var id in _nodes.Keys.Where(id => !activities.ContainsKey(id)).ToList())
            RemoveNode(id);

        foreach (var a in activities.Values)
        {
            var outcomes = State.OutcomesOf(a);
            var hasInput = DesignerState.HasInput(a);
            if (_nodes.TryGetValue(a.Id, out var node) && !node.PortsMatch(outcomes, hasInput))
            {
                RemoveNode(a.Id);
                node = null;
            }
            if (node is null)
            {
                node = new ActivityNodeModel(a, State.Descriptor(a), outcomes, hasInput) { Locked = State.ReadOnly };
                foreach (var p in node.Ports) p.Locked = State.ReadOnly;
                Decorate(node, a);
                node.RenderKey = RenderKey(node);
                _nodes[a.Id] = node;
                Diagram.Nodes.Add(node);
                continue;
            }
            node.Activity = a;
            if (node.Position.X != a.Position.X || node.Position.Y != a.Position.Y) node.SetPosition(a.Position.X, a.Position.Y);
            Decorate(node, a);
            var key = RenderKey(node);
            if (key != node.RenderKey)
            {
                node.RenderKey = key;
                node.Refresh();
            }
        }

        // Connections: keep the links that still match one, add the missing ones (duplicates count).
        var wanted = d.Connections.ToList();
        foreach (var link in _links.ToList())
        {
            if (wanted.Remove(link.Connection) && LinkStillFits(link)) { ColourLink(link); continue; }
            _links.Remove(link);
            Diagram.Links.Remove(link);
        }
        foreach (var c in wanted)
        {
            if (!_nodes.TryGetValue(c.Source, out var s) || !_nodes.TryGetValue(c.Target, out var t) || t.InPort is null) continue;
            var port = s.OutPorts.FirstOrDefault(p => p.Outcome.Name == c.Outcome);
            if (port is null) continue;
            var link = new ConnectionLinkModel(c, port, t.InPort) { TargetMarker = LinkMarker.Arrow, Locked = State.ReadOnly };
            ColourLink(link);
            _links.Add(link);
            Diagram.Links.Add(link);
        }
    }

    private void RemoveNode(string id)
    {
        var node = _nodes[id];
        foreach (var link in _links.Where(l => l.Source.Model is PortModel s && s.Parent == node || l.Target.Model is PortModel t && t.Parent == node).ToList())
        {
            _links.Remove(link);
            Diagram.Links.Remove(link);
        }
        Diagram.Nodes.Remove(node);
        _nodes.Remove(id);
    }

    private bool LinkStillFits(ConnectionLinkModel link) =>
        link.Source.Model is OutcomePortModel s && s.Parent is ActivityNodeModel sn && _nodes.GetValueOrDefault(link.Connection.Source) == sn
        && link.Target.Model is InPortModel t && t.Parent is ActivityNodeModel tn && _nodes.GetValueOrDefault(link.Connection.Target) == tn;

    private void ColourLink(ConnectionLinkModel link)
    {
        var taken = Taken.Contains((link.Connection.Source, link.Connection.Outcome, link.Connection.Target));
        var color = taken ? "#2e7d32" : null;
        var width = taken ? 3 : 2;
        if (link.Color == color && link.Width == width) return;
        link.Color = color;
        link.Width = width;
        link.Refresh();
    }

    private void Decorate(ActivityNodeModel node, ActivityNode a)
    {
        node.Problems = State.ProblemsOf(a.Id).Select(p => Ui.T(p.Message)).ToList();
        node.RunState = RunStateOf?.Invoke(a.Id) ?? NodeRunState.None;
    }

    private static string RenderKey(ActivityNodeModel n) =>
        $"{n.Activity.Id}|{n.Activity.DisplayName?.ZhCN}|{n.Activity.DisplayName?.En}|{n.RunState}|{string.Join("\u0001", n.Problems)}|{n.Locked}";

    // ---- canvas → state

    private void OnLinkAdded(BaseLinkModel link)
    {
        if (_syncing || link is ConnectionLinkModel) return;
        link.TargetAttached += OnTargetAttached;
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        if (link is ConnectionLinkModel c) _links.Remove(c);
    }

    /// <summary>A connection was drawn: it becomes a connection of the definition (the drawn link is replaced by the synced one).</summary>
    private void OnTargetAttached(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        var source = link.Source.Model as OutcomePortModel;
        var target = link.Target.Model switch
        {
            PortModel p => p.Parent as ActivityNodeModel,
            ActivityNodeModel n => n,
            _ => null,
        };
        Diagram.Links.Remove(link);
        if (source?.Parent is not ActivityNodeModel from || target is null) return;
        if (!State.Connect(from.Activity.Id, source.Outcome.Name, target.Activity.Id)) Sync();
    }

    private void OnPointerUp(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e) => CommitMoves();

    /// <summary>Nodes dragged on the canvas: their new positions go into the definition as one step.</summary>
    public void CommitMoves()
    {
        var moved = new Dictionary<string, NodePosition>();
        foreach (var (id, node) in _nodes)
            if (Math.Round(node.Position.X) != node.Activity.Position.X || Math.Round(node.Position.Y) != node.Activity.Position.Y)
                moved[id] = new NodePosition(node.Position.X, node.Position.Y);
        if (moved.Count == 0) return;
        if (State.ReadOnly || !State.Move(moved)) Sync();
    }

    private void OnDiagramSelectionChanged(SelectableModel _)
    {
        if (_selecting || _syncing) return;
        var ids = _nodes.Where(n => n.Value.Selected).Select(n => n.Key).ToList();
        var link = ids.Count == 0 ? _links.FirstOrDefault(l => l.Selected)?.Connection : null;
        _selecting = true;
        try { State.Select(ids, link); }
        finally { _selecting = false; }
    }

    /// <summary>Shows the state's selection on the canvas.</summary>
    private void ApplySelection()
    {
        if (_selecting) return;
        _selecting = true;
        try
        {
            var selected = State.Selection.ToHashSet();
            foreach (var (id, node) in _nodes)
            {
                var want = selected.Contains(id);
                if (node.Selected == want) continue;
                if (want) Diagram.SelectModel(node, unselectOthers: false);
                else Diagram.UnselectModel(node);
            }
            foreach (var link in _links)
            {
                var want = selected.Count == 0 && State.SelectedConnection == link.Connection;
                if (link.Selected == want) continue;
                if (want) Diagram.SelectModel(link, unselectOthers: false);
                else Diagram.UnselectModel(link);
            }
        }
        finally { _selecting = false; }
    }

    /// <summary>Scrolls and zooms so the activity is in the middle of the canvas.</summary>
    public void CenterOn(string activityId)
    {
        if (!_nodes.TryGetValue(activityId, out var node) || Diagram.Container is null) return;
        var zoom = Math.Max(Diagram.Zoom, 0.6);
        if (Math.Abs(zoom - Diagram.Zoom) > 0.001) Diagram.SetZoom(zoom);
        var cx = node.Position.X + NodeGeometry.Width / 2;
        var cy = node.Position.Y + node.Size!.Height / 2;
        Diagram.SetPan(Diagram.Container.Width / 2 - cx * zoom, Diagram.Container.Height / 2 - cy * zoom);
    }

    /// <summary>
    /// Zooms and pans so every activity is in view. The library's own fit only counts the nodes it has
    /// drawn, which with virtualization (large flows) is only those already on screen.
    /// </summary>
    public void FitAll(double margin = 40)
    {
        var c = Diagram.Container;
        if (c is null || c.Width <= 0 || c.Height <= 0 || _nodes.Count == 0) return;
        var left = _nodes.Values.Min(n => n.Position.X);
        var top = _nodes.Values.Min(n => n.Position.Y);
        var right = _nodes.Values.Max(n => n.Position.X + (n.Size?.Width ?? NodeGeometry.Width));
        var bottom = _nodes.Values.Max(n => n.Position.Y + (n.Size?.Height ?? NodeGeometry.HeaderHeight));
        var zoom = Math.Min((c.Width - 2 * margin) / Math.Max(right - left, 1), (c.Height - 2 * margin) / Math.Max(bottom - top, 1));
        zoom = Math.Clamp(zoom, Diagram.Options.Zoom.Minimum, 1);
        Diagram.SetZoom(zoom);
        Diagram.SetPan((c.Width - (right - left) * zoom) / 2 - left * zoom, (c.Height - (bottom - top) * zoom) / 2 - top * zoom);
    }

    /// <summary>A point in the middle of what the canvas shows, in diagram coordinates (for click-to-add).</summary>
    public Point VisibleCenter()
    {
        var c = Diagram.Container;
        if (c is null) return new Point(100, 100);
        return new Point((c.Width / 2 - Diagram.Pan.X) / Diagram.Zoom - NodeGeometry.Width / 2, (c.Height / 2 - Diagram.Pan.Y) / Diagram.Zoom - 40);
    }

    public void Dispose()
    {
        State.Changed -= Sync;
        State.SelectionChanged -= ApplySelection;
        Diagram.Links.Added -= OnLinkAdded;
        Diagram.Links.Removed -= OnLinkRemoved;
        Diagram.PointerUp -= OnPointerUp;
        Diagram.SelectionChanged -= OnDiagramSelectionChanged;
    }
}
