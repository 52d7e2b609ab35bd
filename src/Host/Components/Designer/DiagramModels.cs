using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Approvals.Host.Components.Designer;

/// <summary>How an activity took part in an instance (the instance viewer colours it).</summary>
public enum NodeRunState { None, Done, Current, Faulted }

/// <summary>An activity on the canvas. Its size and ports are fixed by <see cref="NodeGeometry"/>.</summary>
public sealed class ActivityNodeModel : NodeModel
{
    public ActivityNodeModel(ActivityNode activity, ActivityDescriptor? descriptor, IReadOnlyList<OutcomePort> outcomes, bool hasInput)
        : base(new Point(activity.Position.X, activity.Position.Y))
    {
        Activity = activity;
        Descriptor = descriptor;
        Outcomes = outcomes;
        Size = new Size(NodeGeometry.Width, NodeGeometry.Height(outcomes.Count));
        ControlledSize = true;
        if (hasInput)
        {
            var (x, y) = NodeGeometry.InPort;
            InPort = (InPortModel)AddPort(new InPortModel(this, new Point(Position.X + x, Position.Y + y)));
        }
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (x, y) = NodeGeometry.OutPort(i);
            OutPorts.Add((OutcomePortModel)AddPort(new OutcomePortModel(this, outcomes[i], new Point(Position.X + x, Position.Y + y))));
        }
    }

    /// <summary>The activity in the current definition (re-pointed after undo/redo).</summary>
    public ActivityNode Activity { get; set; }
    public ActivityDescriptor? Descriptor { get; }
    public IReadOnlyList<OutcomePort> Outcomes { get; }
    public InPortModel? InPort { get; }
    public List<OutcomePortModel> OutPorts { get; } = [];

    /// <summary>The problems the validator reports on this activity (in the reader's language).</summary>
    public IReadOnlyList<string> Problems { get; set; } = [];
    public NodeRunState RunState { get; set; }

    /// <summary>What was last rendered; the canvas refreshes the node only when this changes.</summary>
    internal string? RenderKey { get; set; }

    /// <summary>Whether the ports match the activity's outcomes (else the node is rebuilt).</summary>
    internal bool PortsMatch(IReadOnlyList<OutcomePort> outcomes, bool hasInput) =>
        outcomes.SequenceEqual(Outcomes) && hasInput == (InPort is not null);
}

/// <summary>Where connections end: the left side of an activity.</summary>
public sealed class InPortModel : PortModel
{
    public InPortModel(NodeModel parent, Point position)
        : base(parent, PortAlignment.Left, position, new Size(NodeGeometry.PortSize, NodeGeometry.PortSize)) => Initialized = true;

    public override bool CanAttachTo(ILinkable other) => false;
}

/// <summary>A labelled outcome of an activity: connections start here.</summary>
public sealed class OutcomePortModel : PortModel
{
    public OutcomePortModel(ActivityNodeModel parent, OutcomePort outcome, Point position)
        : base(parent, PortAlignment.Right, position, new Size(NodeGeometry.PortSize, NodeGeometry.PortSize))
    {
        Outcome = outcome;
        Initialized = true;
    }

    public OutcomePort Outcome { get; }

    /// <summary>An outcome connects to the input of an activity (dropping on the node's body counts too).</summary>
    public override bool CanAttachTo(ILinkable other) =>
        other is InPortModel { Locked: false } || other is ActivityNodeModel { InPort: not null, Locked: false };
}

/// <summary>A connection of the definition drawn as a link.</summary>
public sealed class ConnectionLinkModel(Connection connection, PortModel source, PortModel target) : LinkModel(source, target)
{
    public Connection Connection { get; } = connection;
}
