using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Components.Designer;

/// <summary>
/// The working copy the designer edits: exactly a <see cref="WorkflowDefinition"/> (the JSON format), with
/// an undo/redo history of canonical snapshots, the selection, a clipboard and the problems the engine's
/// validator finds. Every edit goes through <see cref="Edit"/>, so every edit can be undone; an edit that
/// changes nothing leaves no history and no trace in the JSON, so an untouched flow saves to the bytes it
/// was loaded from. The canvas, the property panel and the tests all drive the same operations.
/// </summary>
public sealed class DesignerState
{
    /// <summary>How many edits can be undone.</summary>
    public const int HistoryLimit = 300;

    private readonly ActivityRegistry _registry;
    private readonly Func<WorkflowDefinition, IReadOnlyList<ValidationProblem>> _validate;
    private readonly LinkedList<string> _undo = new();
    private readonly Stack<string> _redo = new();
    private string _savedJson;
    private string? _currentJson;

    public DesignerState(WorkflowDefinition definition, ActivityRegistry registry,
        Func<WorkflowDefinition, IReadOnlyList<ValidationProblem>> validate, bool readOnly = false)
    {
        Definition = definition;
        _registry = registry;
        _validate = validate;
        ReadOnly = readOnly;
        _savedJson = WorkflowJson.Serialize(definition);
        _currentJson = _savedJson;
        Problems = validate(definition);
    }

    /// <summary>The definition as it stands now; replaced (not mutated) by undo and redo.</summary>
    public WorkflowDefinition Definition { get; private set; }

    /// <summary>An old version or an instance's flow: shown, never edited.</summary>
    public bool ReadOnly { get; }

    public ActivityRegistry Registry => _registry;

    /// <summary>What the engine's rules say about <see cref="Definition"/> (kept current after every edit).</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; private set; }

    /// <summary>The selected activity ids (the canvas mirrors it).</summary>
    public IReadOnlyCollection<string> Selection => _selection;
    private readonly List<string> _selection = [];

    /// <summary>The selected connection, when a single connection is selected.</summary>
    public Connection? SelectedConnection { get; private set; }

    /// <summary>The one selected activity, or null.</summary>
    public ActivityNode? SelectedActivity => _selection.Count == 1 ? Definition.FindActivity(_selection[0]) : null;

    /// <summary>Raised after every change of the definition (edit, undo, redo, restore).</summary>
    public event Action? Changed;

    /// <summary>Raised when the selection changes.</summary>
    public event Action? SelectionChanged;

    public bool CanUndo => !ReadOnly && _undo.Count > 0;
    public bool CanRedo => !ReadOnly && _redo.Count > 0;

    /// <summary>What the last edits were, newest first (for the undo button's tooltip).</summary>
    public string? LastEdit { get; private set; }

    /// <summary>The canonical JSON of the working copy.</summary>
    public string Json => _currentJson ??= WorkflowJson.Serialize(Definition);

    /// <summary>True when the working copy differs from what was loaded or last saved.</summary>
    public bool IsDirty => Json != _savedJson;

    /// <summary>Marks the current working copy as saved (after the draft was stored).</summary>
    public void MarkSaved() => _savedJson = Json;

    /// <summary>
    /// Applies <paramref name="change"/> to the definition as one undoable step. Returns false (and records
    /// nothing) when the definition is read-only or the change left the JSON as it was.
    /// </summary>
    public bool Edit(string what, Action<WorkflowDefinition> change)
    {
        if (ReadOnly) return false;
        var before = Json;
        change(Definition);
        var after = WorkflowJson.Serialize(Definition);
        if (after == before) return false;
        _undo.AddLast(before);
        if (_undo.Count > HistoryLimit) _undo.RemoveFirst();
        _redo.Clear();
        _currentJson = after;
        LastEdit = what;
        AfterChange();
        return true;
    }

    public bool Undo()
    {
        if (!CanUndo) return false;
        _redo.Push(Json);
        var previous = _undo.Last!.Value;
        _undo.RemoveLast();
        Replace(previous);
        return true;
    }

    public bool Redo()
    {
        if (!CanRedo) return false;
        _undo.AddLast(Json);
        Replace(_redo.Pop());
        return true;
    }

    private void Replace(string json)
    {
        Definition = WorkflowJson.Parse(json);
        _currentJson = json;
        AfterChange();
    }

    private void AfterChange()
    {
        Problems = _validate(Definition);
        // Selected activities that no longer exist drop out of the selection.
        var before = _selection.Count;
        _selection.RemoveAll(id => Definition.FindActivity(id) is null);
        if (SelectedConnection is { } c && !Definition.Connections.Contains(c)) SelectedConnection = null;
        Changed?.Invoke();
        if (_selection.Count != before) SelectionChanged?.Invoke();
    }

    /// <summary>Runs the engine's rules again (e.g. after the registry or the organisation changed).</summary>
    public IReadOnlyList<ValidationProblem> Validate() => Problems = _validate(Definition);

    // ---- selection

    public void Select(IEnumerable<string> ids, Connection? connection = null)
    {
        var list = ids.Distinct().Where(id => Definition.FindActivity(id) is not null).ToList();
        if (list.SequenceEqual(_selection) && connection == SelectedConnection) return;
        _selection.Clear();
        _selection.AddRange(list);
        SelectedConnection = connection;
        SelectionChanged?.Invoke();
    }

    public void Select(string id) => Select([id]);

    public void ClearSelection() => Select([]);

    // ---- descriptors and outcomes

    public ActivityDescriptor? Descriptor(ActivityNode node) => _registry.Find(node.Type);

    /// <summary>
    /// The ports an activity shows: its declared outcomes, those named by its outcome input (Switch cases,
    /// Fork branches), and any outcome a connection uses that the activity does not have (marked unknown,
    /// so a connection is never silently dropped).
    /// </summary>
    public IReadOnlyList<OutcomePort> OutcomesOf(ActivityNode node)
    {
        var ports = new List<OutcomePort>();
        var descriptor = Descriptor(node);
        if (descriptor is not null)
        {
            foreach (var o in descriptor.Outcomes) ports.Add(new(o.Name, o.Label, true));
            if (descriptor.OutcomesFromInput is { } inputName && node.Inputs[inputName] is JsonArray items)
                foreach (var item in items)
                {
                    var name = item switch
                    {
                        JsonValue v when v.TryGetValue(out string? s) => s,
                        JsonObject o when o["outcome"] is JsonValue ov && ov.TryGetValue(out string? os) => os,
                        _ => null,
                    };
                    if (!string.IsNullOrEmpty(name) && ports.All(p => p.Name != name)) ports.Add(new(name, new(name, name), true));
                }
        }
        foreach (var c in Definition.Connections)
            if (c.Source == node.Id && ports.All(p => p.Name != c.Outcome))
                ports.Add(new(c.Outcome, new(c.Outcome, c.Outcome), false));
        return ports;
    }

    /// <summary>Whether the activity can be a connection target (everything but Start).</summary>
    public static bool HasInput(ActivityNode node) => node.Type != "Start";

    // ---- operations

    /// <summary>Adds a new activity of <paramref name="type"/> at a position, with a fresh id; selects it.</summary>
    public ActivityNode? AddActivity(string type, double x, double y)
    {
        var descriptor = _registry.Find(type);
        if (descriptor is null || ReadOnly) return null;
        var node = new ActivityNode
        {
            Id = NewId(type),
            Type = type,
            DisplayName = new(descriptor.Name.ZhCN, descriptor.Name.En),
            Position = new(Math.Round(x), Math.Round(y)),
        };
        // Required inputs start with the type's default, so a new approval step already has its assignee
        // rule and a new Fork its branches (ports to connect), instead of a "missing input" problem.
        // (Not for expressions or plain true/false/0: those the designer of the flow must write.)
        foreach (var input in descriptor.Inputs.Where(i => i.Required && i.Default is JsonObject or JsonArray && i.Editor != InputEditors.Expression))
            if (Compact(input.Default!.DeepClone()) is { } value && value is not JsonArray { Count: 0 } && !(value is JsonValue v && v.TryGetValue(out string? text) && text.Length == 0))
                node.Inputs[input.Name] = value;
        if (!Edit($"add {type}", d => d.Activities.Add(node))) return null;
        Select(node.Id);
        return Definition.FindActivity(node.Id);
    }

    /// <summary>A default as a definition would write it: no null or false properties.</summary>
    private static JsonNode? Compact(JsonNode? node)
    {
        if (node is JsonObject o)
            foreach (var (key, child) in o.ToList())
            {
                if (child is null || child is JsonValue v && v.TryGetValue(out bool b) && !b) o.Remove(key);
                else Compact(child);
            }
        return node;
    }

    /// <summary>A free id from the type name: <c>userTask1</c>, <c>userTask2</c>…</summary>
    public string NewId(string type, IEnumerable<string>? taken = null)
    {
        var used = Definition.Activities.Select(a => a.Id).Concat(taken ?? []).ToHashSet();
        var stem = type.Length == 0 ? "activity" : char.ToLowerInvariant(type[0]) + type[1..];
        for (var i = 1; ; i++)
            if (!used.Contains(stem + i)) return stem + i;
    }

    /// <summary>Removes activities and every connection touching them, as one step.</summary>
    public bool RemoveActivities(IEnumerable<string> ids)
    {
        var set = ids.ToHashSet();
        if (set.Count == 0) return false;
        return Edit("delete", d =>
        {
            d.Activities.RemoveAll(a => set.Contains(a.Id));
            d.Connections.RemoveAll(c => set.Contains(c.Source) || set.Contains(c.Target));
        });
    }

    /// <summary>Deletes what is selected: activities (with their connections) or the selected connection.</summary>
    public bool DeleteSelection()
    {
        if (_selection.Count > 0) return RemoveActivities(_selection.ToList());
        if (SelectedConnection is { } c) return Disconnect(c);
        return false;
    }

    /// <summary>Moves activities (one step for a drag of several).</summary>
    public bool Move(IReadOnlyDictionary<string, NodePosition> positions) =>
        Edit("move", d =>
        {
            foreach (var a in d.Activities)
                if (positions.TryGetValue(a.Id, out var p)) a.Position = new(Math.Round(p.X), Math.Round(p.Y));
        });

    /// <summary>Adds the connection source —outcome→ target; false when it exists already or an end is missing.</summary>
    public bool Connect(string source, string outcome, string target)
    {
        var c = new Connection(source, outcome, target);
        var target0 = Definition.FindActivity(target);
        if (Definition.FindActivity(source) is null || target0 is null || !HasInput(target0) || Definition.Connections.Contains(c)) return false;
        return Edit("connect", d => d.Connections.Add(c));
    }

    public bool Disconnect(Connection connection) =>
        Edit("disconnect", d =>
        {
            var i = d.Connections.IndexOf(connection);
            if (i >= 0) d.Connections.RemoveAt(i);
        });

    /// <summary>Sets (or, with null, removes) one input of an activity.</summary>
    public bool SetInput(string activityId, string input, JsonNode? value) =>
        Edit($"input {input}", d =>
        {
            var a = d.FindActivity(activityId);
            if (a is null) return;
            if (value is null) a.Inputs.Remove(input);
            else a.Inputs[input] = value.DeepClone();
        });

    public bool SetDisplayName(string activityId, string zh, string en) =>
        Edit("display name", d =>
        {
            if (d.FindActivity(activityId) is { } a)
                a.DisplayName = zh.Length == 0 && en.Length == 0 ? null : new(zh, en);
        });

    /// <summary>
    /// Renames an activity and every connection to and from it. Returns the problem in both languages when
    /// the new id is empty or taken.
    /// </summary>
    public LocalizedText? RenameActivity(string oldId, string newId)
    {
        newId = newId.Trim();
        if (newId == oldId) return null;
        if (newId.Length == 0) return new("节点标识不能为空", "the activity id cannot be empty");
        if (Definition.FindActivity(newId) is not null) return new($"节点标识“{newId}”已被使用", $"activity id '{newId}' is already used");
        Edit("rename", d =>
        {
            if (d.FindActivity(oldId) is not { } a) return;
            a.Id = newId;
            for (var i = 0; i < d.Connections.Count; i++)
            {
                var c = d.Connections[i];
                if (c.Source == oldId || c.Target == oldId)
                    d.Connections[i] = c with { Source = c.Source == oldId ? newId : c.Source, Target = c.Target == oldId ? newId : c.Target };
            }
        });
        var index = _selection.IndexOf(oldId);
        if (index >= 0) { _selection[index] = newId; SelectionChanged?.Invoke(); }
        return null;
    }

    /// <summary>Changes the flow's own properties (names, category, variables, start form) as one step.</summary>
    public bool EditFlow(string what, Action<WorkflowDefinition> change) => Edit(what, change);

    // ---- clipboard

    /// <summary>The selected activities and the connections between them, as definition JSON.</summary>
    public string? Copy()
    {
        if (_selection.Count == 0) return null;
        var set = _selection.ToHashSet();
        var part = new WorkflowDefinition
        {
            Id = "clipboard",
            Activities = Definition.Activities.Where(a => set.Contains(a.Id)).ToList(),
            Connections = Definition.Connections.Where(c => set.Contains(c.Source) && set.Contains(c.Target)).ToList(),
        };
        return WorkflowJson.Serialize(part);
    }

    /// <summary>
    /// Pastes copied activities with new ids (connections between them follow), shifted so they do not
    /// cover the originals; selects them. A clipboard that is not copied activities is ignored.
    /// </summary>
    public IReadOnlyList<string> Paste(string? clipboard, double offset = 40)
    {
        if (clipboard is null || ReadOnly) return [];
        WorkflowDefinition part;
        try { part = WorkflowJson.Parse(clipboard); }
        catch (WorkflowFormatException) { return []; }
        var idMap = new Dictionary<string, string>();
        var taken = new List<string>();
        foreach (var a in part.Activities)
        {
            if (a.Type == "Start" && Definition.Activities.Any(x => x.Type == "Start")) continue;
            var id = Definition.FindActivity(a.Id) is null && !taken.Contains(a.Id) ? a.Id : NewId(a.Type, taken);
            taken.Add(id);
            idMap[a.Id] = id;
        }
        if (idMap.Count == 0) return [];
        Edit("paste", d =>
        {
            foreach (var a in part.Activities.Where(a => idMap.ContainsKey(a.Id)))
            {
                var oldId = a.Id;
                a.Id = idMap[oldId];
                a.Position = new(a.Position.X + offset, a.Position.Y + offset);
                d.Activities.Add(a);
            }
            foreach (var c in part.Connections)
                if (idMap.TryGetValue(c.Source, out var s) && idMap.TryGetValue(c.Target, out var t))
                    d.Connections.Add(new(s, c.Outcome, t));
        });
        var ids = idMap.Values.ToList();
        Select(ids);
        return ids;
    }

    /// <summary>Lays the whole flow out in columns by distance from Start (one undoable step).</summary>
    public bool AutoLayout() => Edit("auto-layout", d => Designer.AutoLayout.Apply(d, a => NodeGeometry.Height(OutcomesOf(a).Count)));

    /// <summary>Makes <paramref name="version"/> the working copy (restore an old version as the draft), undoable.</summary>
    public bool RestoreFrom(WorkflowDefinition version) =>
        Edit("restore", d =>
        {
            var copy = WorkflowJson.Clone(version);
            d.Version = copy.Version;
            d.Name = copy.Name;
            d.Description = copy.Description;
            d.Category = copy.Category;
            d.Variables = copy.Variables;
            d.StartForm = copy.StartForm;
            d.Activities = copy.Activities;
            d.Connections = copy.Connections;
        });

    /// <summary>The problems concerning one activity.</summary>
    public IEnumerable<ValidationProblem> ProblemsOf(string activityId) => Problems.Where(p => p.ActivityId == activityId);
}

/// <summary>A port on an activity: an outcome name, its label, and whether the activity really has it.</summary>
public sealed record OutcomePort(string Name, LocalizedText Label, bool Known);
