using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Approvals.Bench;

/// <summary>
/// A synthetic office for the inbox benchmark: an organisation (a leadership section with the director and
/// the deputy directors, then sections of lognormal size, each with a chief, a deputy chief from 20 people,
/// the rest staff) and a year of requests with their tasks, written straight into the engine's tables with
/// raw Microsoft.Data.Sqlite (one transaction, prepared INSERTs with reused parameters).
/// </summary>
/// <remarks>
/// Each request follows a chain like the demo flows: the initiator's chief, sometimes the deputy director in
/// charge, a handler in the handling section (for five of the twelve flows: that section's pool, claimed or
/// not), that section's chief, sometimes a countersign (会签) by several chiefs, rarely the director, and a
/// filing step; some requests were returned (退回) once and redone. Requests in progress sit at one step with
/// its tasks Open (sometimes 加签 before: the original Waiting). Recent requests are mostly in progress, old
/// ones mostly finished (approved, rejected or withdrawn), so that about 5% of all tasks are open.
/// Everything is drawn from a fixed seed; ids are random 32-hex strings like the engine's.
/// </remarks>
internal sealed class InboxData
{
    private const int Seed = 20261201;
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>The twelve flows: id, name, share of requests, handled through a section pool, may go to the director.</summary>
    private static readonly (string Id, string NameZh, double Weight, bool Pool, bool Director)[] Flows =
    [
        ("leave", "请假申请", 0.22, false, false),
        ("expense", "费用报销", 0.16, true, false),
        ("seal", "用印申请", 0.10, true, false),
        ("business-trip", "出差审批", 0.09, false, false),
        ("car", "用车申请", 0.08, true, false),
        ("purchase", "采购申请", 0.07, true, true),
        ("meeting-room", "会议室预订", 0.07, false, false),
        ("overtime", "加班申请", 0.06, false, false),
        ("document", "发文审批", 0.06, false, true),
        ("it-support", "信息化服务", 0.05, true, false),
        ("contract", "合同审批", 0.03, false, true),
        ("training", "培训报名", 0.01, false, false),
    ];

    private readonly int _taskTarget;
    private readonly DateTime _now;
    private readonly DateTime _start;

    // The organisation. Users are indexes into these arrays; section 0 is the leadership.
    public readonly string[] UserIds;
    public readonly int[] UserSection;
    private readonly int[] _userPosition; // 0 staff, 1 deputy chief, 2 chief, 3 deputy director, 4 director
    private readonly string[] _userName;
    public readonly string[] SectionIds;
    private readonly int[] _sectionChief;
    private readonly int[] _sectionDeputyDirector;
    private readonly int[][] _sectionStaff;
    private readonly int[] _sectionMembers;
    private readonly int _director;
    private readonly int[] _flowHandling;
    private readonly double[] _flowCumulative;

    // What was written, for the report and for checking the answers.
    public int Instances, InProgress, Tasks, Open, Waiting, Completed, Cancelled;
    public int OpenPool, OpenPoolClaimed, OpenDelegated, OpenOnBehalf, OpenNullDue, OpenOverdue;
    public int[] MineOpen = [], DelegatedOpen = [], RequestsInProgress = [];
    public int[] PoolOpen = [];

    public InboxData(int tasks, int users, DateTime now)
    {
        if (users < 20) throw new ArgumentException("at least 20 users", nameof(users));
        _taskTarget = tasks;
        _now = now;
        _start = now.AddDays(-365);
        var rnd = new Random(Seed);

        // Leadership: the director and one deputy director per ~1,250 people; then ~50 people per section.
        var deputies = Math.Clamp(users / 1250, 1, 12);
        var leaders = 1 + deputies;
        var regular = Math.Max(1, users / 50 - 1);
        var remaining = users - leaders;
        var weights = Enumerable.Range(0, regular).Select(_ => Math.Exp(0.6 * Gauss(rnd))).ToArray();
        var sizes = weights.Select(w => Math.Max(3, (int)(w / weights.Sum() * remaining))).ToArray();
        for (var i = 0; sizes.Sum() != remaining; i = (i + 1) % regular)
        {
            if (sizes.Sum() < remaining) sizes[i]++;
            else if (sizes[i] > 3) sizes[i]--;
        }

        UserIds = new string[users];
        UserSection = new int[users];
        _userPosition = new int[users];
        _userName = new string[users];
        SectionIds = new string[regular + 1];
        _sectionChief = new int[regular + 1];
        _sectionDeputyDirector = new int[regular + 1];
        _sectionStaff = new int[regular + 1][];
        _sectionMembers = new int[regular + 1];
        var next = 0;
        int AddUser(int section, int position)
        {
            UserIds[next] = "u" + (next + 1).ToString(users >= 100_000 ? "D6" : "D5", CultureInfo.InvariantCulture);
            _userName[next] = "User " + (next + 1).ToString(CultureInfo.InvariantCulture);
            UserSection[next] = section;
            _userPosition[next] = position;
            _sectionMembers[section]++;
            return next++;
        }
        SectionIds[0] = "s000";
        _director = AddUser(0, 4);
        var deputyIds = Enumerable.Range(0, deputies).Select(_ => AddUser(0, 3)).ToArray();
        _sectionChief[0] = _director;
        _sectionDeputyDirector[0] = _director;
        _sectionStaff[0] = deputyIds;
        for (var s = 1; s <= regular; s++)
        {
            SectionIds[s] = "s" + s.ToString("D3", CultureInfo.InvariantCulture);
            _sectionChief[s] = AddUser(s, 2);
            _sectionDeputyDirector[s] = deputyIds[(s - 1) % deputies];
            var size = sizes[s - 1];
            if (size >= 20) AddUser(s, 1);
            var staff = new List<int>();
            for (var k = _sectionMembers[s]; k < size; k++) staff.Add(AddUser(s, 0));
            _sectionStaff[s] = [.. staff];
        }

        // Each flow is handled by one of the 40 largest sections (the pool flows' pools are there).
        var large = Enumerable.Range(1, regular).OrderByDescending(s => _sectionMembers[s]).Take(40).OrderBy(_ => rnd.Next()).ToArray();
        _flowHandling = Flows.Select((_, i) => large[i % large.Length]).ToArray();
        var total = 0.0;
        _flowCumulative = Flows.Select(f => total += f.Weight).ToArray();
    }

    public int Users => UserIds.Length;
    public int Sections => SectionIds.Length;
    public int SectionSize(int s) => _sectionMembers[s];
    public string Position(int user) => _userPosition[user] switch { 4 => "Director", 3 => "DeputyDirector", 2 => "Chief", 1 => "DeputyChief", _ => "Staff" };

    /// <summary>What the to-do query must count for this user: mine, delegated to me, my section's unclaimed pool.</summary>
    public int Todo(int user) => MineOpen[user] + DelegatedOpen[user] + PoolOpen[UserSection[user]];

    /// <summary>The users of the <paramref name="n"/> sections with the largest unclaimed pools.</summary>
    public int[] BigPoolMembers(int n)
    {
        var top = Enumerable.Range(0, Sections).OrderByDescending(s => PoolOpen[s]).Take(n).ToHashSet();
        return Enumerable.Range(0, Users).Where(u => top.Contains(UserSection[u])).ToArray();
    }

    /// <summary>Migrated, empty database → organisation, instances and tasks; then ANALYZE (unless told not to) and a WAL checkpoint.</summary>
    public (TimeSpan Load, TimeSpan Analyze) Write(string dataSource, bool analyze)
    {
        // A dry run with the same seed gives the number of requests, so that their start times fill the year.
        var requests = Generate(estimatedInstances: _taskTarget / 5, sink: null);
        requests = Generate(requests, sink: null);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Pooling = false }.ToString());
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;");
        using (var tx = connection.BeginTransaction())
        {
            // The migration's secondary indexes are dropped and created again after the rows are in (a sorted
            // build instead of a million random inserts into each); their SQL is taken from the schema as it is.
            var indexes = new List<string>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tasks', 'instances') AND sql IS NOT NULL";
                using var r = cmd.ExecuteReader();
                while (r.Read()) indexes.Add(r.GetString(1));
                r.Close();
                foreach (var name in indexes.Select(sql => sql.Split('"')[1]))
                    Exec(connection, $"DROP INDEX \"{name}\"", tx);
            }
            var sink = new Sink(connection, tx);
            WriteOrganisation(sink);
            Generate(requests, sink);
            foreach (var sql in indexes) Exec(connection, sql, tx);
            tx.Commit();
        }
        Exec(connection, "PRAGMA synchronous=NORMAL;");
        var load = clock.Elapsed;
        clock.Restart();
        Exec(connection, (analyze ? "ANALYZE; " : "") + "PRAGMA wal_checkpoint(TRUNCATE);");
        return (load, clock.Elapsed);
    }

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void WriteOrganisation(Sink sink)
    {
        var titles = new[] { "科员", "副科长", "科长", "副主任", "主任" };
        for (var u = 0; u < Users; u++)
            sink.User(UserIds[u], _userName[u], SectionIds[UserSection[u]], Position(u), titles[_userPosition[u]], UserIds[u] + "@office.example");
        for (var s = 0; s < Sections; s++)
            sink.Section(SectionIds[s], s == 0 ? "领导班子" : $"第{s}科", s == 0 ? "Leadership" : $"Section {s}",
                s == 0 ? null : UserIds[_sectionChief[s]], s == 0 ? null : UserIds[_sectionDeputyDirector[s]], s);
    }

    private sealed record Step(string ActivityId, int[] Users, int PoolSection = -1);

    /// <summary>
    /// Draws the requests (the same ones for the same seed and estimate); with a sink, writes them and
    /// counts what was written. Returns the number of requests.
    /// </summary>
    private int Generate(int estimatedInstances, Sink? sink)
    {
        var rnd = new Random(Seed + 1);
        var ids = new Random(Seed + 2);
        string NewId()
        {
            Span<byte> b = stackalloc byte[16];
            ids.NextBytes(b);
            return new Guid(b).ToString("N");
        }
        if (sink is not null)
        {
            MineOpen = new int[Users];
            DelegatedOpen = new int[Users];
            RequestsInProgress = new int[Users];
            PoolOpen = new int[Sections];
        }
        int Staff(int section) => _sectionStaff[section].Length > 0 ? _sectionStaff[section][rnd.Next(_sectionStaff[section].Length)] : _sectionChief[section];
        var regular = Sections - 1;
        var tasks = 0;
        var instances = 0;
        var steps = new List<Step>();
        while (tasks < _taskTarget)
        {
            var i = instances++;
            var created = _start.AddDays(365.0 * (i + rnd.NextDouble()) / estimatedInstances);
            if (created > _now) created = _now.AddMinutes(-rnd.Next(1, 600));
            var age = (_now - created).TotalDays;
            var flow = Pick(rnd.NextDouble());
            var (flowId, flowName, _, pool, mayGoToDirector) = Flows[flow];
            var handling = _flowHandling[flow];
            var initiator = rnd.Next(1 + _sectionStaff[0].Length, Users); // anyone but the leadership
            var section = UserSection[initiator];

            // The chain of steps.
            steps.Clear();
            steps.Add(new Step("chief-approve", [initiator == _sectionChief[section] ? _sectionDeputyDirector[section] : _sectionChief[section]]));
            if (mayGoToDirector || rnd.NextDouble() < 0.3) steps.Add(new Step("deputy-director-approve", [_sectionDeputyDirector[section]]));
            steps.Add(pool ? new Step("handle", [], handling) : new Step("handle", [Staff(handling)]));
            if (rnd.NextDouble() < 0.75) steps.Add(new Step("handling-chief-approve", [_sectionChief[handling]]));
            if (flowId == "document" || rnd.NextDouble() < 0.25)
            {
                var signers = flowId == "document" ? rnd.Next(3, 7) : rnd.Next(2, 5);
                steps.Add(new Step("countersign", Enumerable.Range(0, signers).Select(_ => _sectionChief[1 + rnd.Next(regular)]).Distinct().ToArray()));
            }
            if (mayGoToDirector && rnd.NextDouble() < 0.4) steps.Add(new Step("director-approve", [_director]));
            if (rnd.NextDouble() < 0.7) steps.Add(new Step("file", [Staff(handling)]));
            var returnedAt = -1;
            if (steps.Count > 1 && rnd.NextDouble() < 0.15)
            {
                // 退回 once: step k sends it back to step k-1, which is done again, then step k again.
                var k = rnd.Next(1, steps.Count);
                returnedAt = k;
                steps.InsertRange(k + 1, [steps[k - 1], steps[k]]);
            }

            // Where it stands now.
            var inProgressChance = age < 30 ? 0.85 : age < 90 ? 0.3 : 0.085;
            var inProgress = rnd.NextDouble() < inProgressChance;
            var current = inProgress ? rnd.Next(steps.Count) : steps.Count - 1;
            var result = "Approved";
            if (!inProgress)
            {
                var end = rnd.NextDouble();
                if (end < 0.07) result = "Rejected";
                else if (end < 0.10) result = "Withdrawn";
                if (result != "Approved") current = rnd.Next(steps.Count);
            }
            var durations = Enumerable.Range(0, current + 1).Select(_ => Math.Max(0.1, -Math.Log(1 - rnd.NextDouble()) * 18)).ToArray();
            var span = durations.Take(inProgress ? current : current + 1).Sum();
            var room = (_now - created).TotalHours - (inProgress ? rnd.NextDouble() : 0.1);
            var squeeze = span > room ? Math.Max(0, room) / span : 1.0;

            var instanceId = NewId();
            var title = $"{flowName} · {_userName[initiator]}";
            var at = created.AddMinutes(rnd.Next(0, 5));
            for (var s = 0; s <= current && tasks < _taskTarget; s++)
            {
                var step = steps[s];
                var bookmark = NewId();
                var stepEnd = at.AddHours(durations[s] * squeeze);
                if (stepEnd > _now) stepEnd = _now;
                var isCurrent = s == current;
                var assignees = step.PoolSection >= 0 ? [-1] : step.Users;
                for (var seq = 0; seq < assignees.Length && tasks < _taskTarget; seq++)
                {
                    var id = NewId();
                    var assignee = assignees[seq];
                    string? poolSection = null, onBehalfOf = null, outcome = null, comment = null, completedBy = null;
                    var delegatedTo = -1;
                    DateTime? completedAt = null, lastUrged = null;
                    var due = rnd.NextDouble() < 0.75 ? at.AddHours(rnd.Next(24, 24 * 6)) : (DateTime?)null;
                    if (step.PoolSection >= 0)
                    {
                        poolSection = SectionIds[step.PoolSection];
                        // Claimed (or done): someone of the pool's section has it.
                        if (!(inProgress && isCurrent) || rnd.NextDouble() < 0.3) assignee = Staff(step.PoolSection);
                    }
                    else if (rnd.NextDouble() < 0.015)
                    {
                        // 代理: the assignee was away; a colleague has it on their behalf.
                        onBehalfOf = UserIds[assignee];
                        assignee = Staff(UserSection[assignee]);
                    }
                    var status = "Completed";
                    var signer = -1;
                    if (inProgress && isCurrent && (seq == 0 || rnd.NextDouble() < 0.6))
                    {
                        status = "Open";
                        // 委派: a leader asked someone to act first.
                        if (assignee >= 0 && _userPosition[assignee] >= 2 && rnd.NextDouble() < 0.08)
                            delegatedTo = Staff(UserSection[assignee] == 0 ? 1 + rnd.Next(regular) : UserSection[assignee]);
                        if (rnd.NextDouble() < 0.05) lastUrged = _now.AddHours(-rnd.Next(1, 200));
                        if (lastUrged < at) lastUrged = null;
                        // 加签 before: the assignee asked a colleague to sign first and waits.
                        if (assignee >= 0 && delegatedTo < 0 && rnd.NextDouble() < 0.01 && tasks + 2 <= _taskTarget)
                        {
                            signer = Staff(UserSection[assignee]);
                            status = "Waiting";
                        }
                    }
                    else if (!inProgress && isCurrent && result != "Approved" && (seq > 0 && result == "Rejected" || result == "Withdrawn"))
                    {
                        status = "Cancelled";
                        outcome = "Cancelled";
                        completedAt = stepEnd;
                    }
                    if (status == "Completed")
                    {
                        completedAt = at.AddHours((stepEnd - at).TotalHours * (0.3 + 0.7 * rnd.NextDouble()));
                        completedBy = UserIds[assignee];
                        outcome = isCurrent && result == "Rejected" ? "Rejected" : returnedAt == s ? "Returned" : "Approved";
                        if (rnd.NextDouble() < 0.4) comment = outcome == "Approved" ? "同意" : "请补充材料";
                    }
                    if (sink is not null)
                    {
                        if (signer >= 0)
                        {
                            sink.Task(NewId(), instanceId, flowId, step.ActivityId, bookmark, title, UserIds[initiator], UserIds[signer], null, null, null,
                                "Open", seq, UserIds[assignee], id, at.AddMinutes(30) < _now ? at.AddMinutes(30) : at, due, null, null, null, null, null);
                            Count(signer, -1, -1, due, null);
                            Waiting++;
                            Tasks++;
                        }
                        if (status == "Open") Count(assignee, step.PoolSection, delegatedTo, due, onBehalfOf);
                        else if (status == "Completed") Completed++;
                        else if (status == "Cancelled") Cancelled++;
                        sink.Task(id, instanceId, flowId, step.ActivityId, bookmark, title, UserIds[initiator], assignee >= 0 ? UserIds[assignee] : null, poolSection,
                            onBehalfOf, delegatedTo >= 0 ? UserIds[delegatedTo] : null, status, seq, null, null, at, due, completedAt, completedBy, outcome, comment, lastUrged);
                        Tasks++;
                    }
                    else if (signer >= 0) NewId();
                    tasks += signer >= 0 ? 2 : 1;
                }
                if (s < current || !inProgress) at = stepEnd;
            }
            var faulted = inProgress && rnd.NextDouble() < 0.01;
            if (sink is not null)
            {
                if (inProgress) { InProgress++; RequestsInProgress[initiator]++; }
                sink.Instance(instanceId, flowId, inProgress ? (faulted ? "Faulted" : "Suspended") : "Finished", UserIds[initiator],
                    inProgress ? null : result, created, at, inProgress ? null : at, steps.Count);
                Instances++;
            }
        }
        return instances;

        int Pick(double x)
        {
            for (var f = 0; f < _flowCumulative.Length; f++) if (x < _flowCumulative[f]) return f;
            return _flowCumulative.Length - 1;
        }
    }

    private void Count(int assignee, int poolSection, int delegatedTo, DateTime? due, string? onBehalfOf)
    {
        Open++;
        if (due is null) OpenNullDue++;
        else if (due < _now) OpenOverdue++;
        if (onBehalfOf is not null) OpenOnBehalf++;
        if (poolSection >= 0)
        {
            OpenPool++;
            if (assignee < 0) { PoolOpen[poolSection]++; return; }
            OpenPoolClaimed++;
        }
        if (delegatedTo >= 0)
        {
            OpenDelegated++;
            DelegatedOpen[delegatedTo]++;
            return;
        }
        MineOpen[assignee]++;
    }

    private static double Gauss(Random rnd) =>
        Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());

    /// <summary>Prepared INSERTs, one per table, whose parameters are created once and only get new values.</summary>
    private sealed class Sink
    {
        private readonly SqliteCommand _user, _section, _instance, _task;

        public Sink(SqliteConnection c, SqliteTransaction tx)
        {
            _user = Insert(c, tx, "users", "Id", "Name", "SectionId", "Position", "Title", "Email", "Mobile", "IsAdmin", "Active");
            _section = Insert(c, tx, "sections", "Id", "NameZh", "NameEn", "ChiefId", "DeputyDirectorId", "Order");
            _instance = Insert(c, tx, "instances", "Id", "DefinitionId", "DefinitionVersion", "Status", "Initiator", "Result", "CreatedAt", "UpdatedAt",
                "FinishedAt", "StateJson", "Revision");
            _task = Insert(c, tx, "tasks", "Id", "InstanceId", "DefinitionId", "ActivityId", "BookmarkId", "Title", "Initiator", "AssigneeId", "PoolSectionId",
                "OnBehalfOf", "DelegatedTo", "Status", "Sequence", "AddedBy", "BlocksTaskId", "CreatedAt", "DueAt", "CompletedAt", "CompletedBy", "Outcome",
                "Comment", "LastUrgedAt");
        }

        private static SqliteCommand Insert(SqliteConnection c, SqliteTransaction tx, string table, params string[] columns)
        {
            var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
            cmd.Prepare();
            return cmd;
        }

        private static void Run(SqliteCommand cmd, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
                cmd.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTime d => d.ToString(TimeFormat, CultureInfo.InvariantCulture),
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            cmd.ExecuteNonQuery();
        }

        public void User(string id, string name, string section, string position, string title, string email) =>
            Run(_user, id, name, section, position, title, email, null, false, true);

        public void Section(string id, string nameZh, string nameEn, string? chief, string? deputyDirector, int order) =>
            Run(_section, id, nameZh, nameEn, chief, deputyDirector, order);

        public void Instance(string id, string definition, string status, string initiator, string? result, DateTime created, DateTime updated,
            DateTime? finished, long revision) =>
            Run(_instance, id, definition, 1, status, initiator, result, created, updated, finished, "{}", revision);

        public void Task(string id, string instance, string definition, string activity, string bookmark, string title, string? initiator,
            string? assignee, string? poolSection, string? onBehalfOf, string? delegatedTo, string status, int sequence, string? addedBy, string? blocks,
            DateTime created, DateTime? due, DateTime? completedAt, string? completedBy, string? outcome, string? comment, DateTime? lastUrged) =>
            Run(_task, id, instance, definition, activity, bookmark, title, initiator, assignee, poolSection, onBehalfOf, delegatedTo, status, sequence,
                addedBy, blocks, created, due, completedAt, completedBy, outcome, comment, lastUrged);
    }
}
