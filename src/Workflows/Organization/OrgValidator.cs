using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Organization;

/// <summary>The entities an import would write, and every problem that stops it.</summary>
internal sealed record OrgPlan(List<Section> Sections, List<OrgUser> Users, List<OrgGroup> Groups, List<ValidationProblem> Problems);

/// <summary>
/// Turns import data into entities and checks them against the organisation as it will be after the import
/// (stored rows overlaid with the imported ones), so a CSV of users may name sections that are already stored
/// and a chief moved away from a stored section is caught. Every problem is collected, none stops the check.
/// </summary>
internal static class OrgValidator
{
    /// <summary>Longest id the tables hold.</summary>
    public const int MaxIdLength = 64;

    public static OrgPlan Build(OrgData data, Func<int, string, LocalizedText> userWhere,
        IReadOnlyDictionary<string, OrgUser> storedUsers, IReadOnlyDictionary<string, Section> storedSections)
    {
        var problems = new List<ValidationProblem>();
        void Add(string code, LocalizedText where, string zh, string en) =>
            problems.Add(new ValidationProblem(code, null, new($"{where.ZhCN}：{zh}", $"{where.En}: {en}")));

        // Sections: ids and names.
        var sections = new List<Section>();
        var sectionWhere = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        for (var i = 0; i < data.Sections.Count; i++)
        {
            var s = data.Sections[i] ?? new OrgSectionData();
            var id = s.Id?.Trim() ?? "";
            var where = new LocalizedText($"科室第 {i + 1} 条（{id}）", $"section #{i + 1} ('{id}')");
            if (!CheckId(id, where, "科室", "section", sectionWhere, Add)) continue;
            sectionWhere[id] = where;
            var name = Name(s.Name);
            if (name.ZhCN.Length == 0) Add("missing-name", where, "缺少中文名称 (name.zh-CN)", "the Chinese name (name.zh-CN) is missing");
            sections.Add(new Section
            {
                Id = id, NameZh = name.ZhCN, NameEn = name.En, Order = s.Order,
                ChiefId = Blank(s.Chief), DeputyDirectorId = Blank(s.DeputyDirector),
            });
        }
        var allSections = new Dictionary<string, Section>(storedSections, StringComparer.Ordinal);
        foreach (var s in sections) allSections[s.Id] = s;

        // Users: ids, names, sections, positions.
        var users = new List<OrgUser>();
        var userWhereById = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        for (var i = 0; i < data.Users.Count; i++)
        {
            var u = data.Users[i] ?? new OrgUserData();
            var id = u.Id?.Trim() ?? "";
            var where = userWhere(i, id);
            if (!CheckId(id, where, "用户", "user", userWhereById, Add)) continue;
            userWhereById[id] = where;
            var name = u.Name?.Trim() ?? "";
            if (name.Length == 0) Add("missing-name", where, "缺少姓名 (name)", "the name is missing");
            var section = u.Section?.Trim() ?? "";
            if (section.Length == 0) Add("missing-section", where, "缺少所属科室 (section)", "the section is missing");
            else if (!allSections.ContainsKey(section))
                Add("unknown-section", where, $"科室“{section}”不存在", $"section '{section}' does not exist");
            var positionText = u.Position?.Trim() ?? "";
            if (!TryParsePosition(positionText, out var position))
                Add("bad-position", where, $"岗位“{positionText}”无效，应为 {string.Join("、", Enum.GetNames<Position>())} 之一",
                    $"position '{positionText}' is not valid; use one of {string.Join(", ", Enum.GetNames<Position>())}");
            var title = u.Title?.Trim() ?? "";
            users.Add(new OrgUser
            {
                Id = id, Name = name, SectionId = section, Position = position,
                Title = title.Length > 0 ? title : DefaultTitle(position),
                Email = Blank(u.Email), Mobile = Blank(u.Mobile), IsAdmin = u.IsAdmin, Active = u.Active,
            });
        }
        var allUsers = new Dictionary<string, OrgUser>(storedUsers, StringComparer.Ordinal);
        foreach (var u in users) allUsers[u.Id] = u;

        // Chiefs and responsible deputy directors, for the sections of the file and the stored ones the users of the file touch.
        foreach (var s in allSections.Values.OrderBy(s => s.Order).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            var inFile = sectionWhere.TryGetValue(s.Id, out var sWhere);
            LocalizedText? WhereFor(string userId) => inFile ? sWhere : userWhereById.TryGetValue(userId, out var w) ? w : null;
            if (s.ChiefId is { } chief && WhereFor(chief) is { } cw)
            {
                if (!allUsers.TryGetValue(chief, out var c))
                    Add("unknown-chief", cw, $"科室“{s.Id}”的科长“{chief}”不存在", $"the chief '{chief}' of section '{s.Id}' does not exist");
                else if (c.SectionId != s.Id)
                    Add("chief-not-in-section", cw, $"科室“{s.Id}”的科长“{chief}”不属于该科室（属于“{c.SectionId}”）",
                        $"the chief '{chief}' of section '{s.Id}' is not a member of it (they are in '{c.SectionId}')");
            }
            if (s.DeputyDirectorId is { } deputy && WhereFor(deputy) is { } dw)
            {
                if (!allUsers.TryGetValue(deputy, out var d))
                    Add("unknown-deputy-director", dw, $"科室“{s.Id}”的分管副主任“{deputy}”不存在", $"the responsible deputy director '{deputy}' of section '{s.Id}' does not exist");
                else if (d.Position != Position.DeputyDirector)
                    Add("not-a-deputy-director", dw, $"科室“{s.Id}”的分管领导“{deputy}”的岗位不是副主任 (DeputyDirector)",
                        $"'{deputy}', responsible for section '{s.Id}', does not hold the position DeputyDirector");
            }
        }

        // One director: flows address "the director" and must not have to choose.
        var directors = allUsers.Values.Where(u => u.Active && u.Position == Position.Director).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
        if (directors.Count > 1)
            foreach (var id in directors.Where(userWhereById.ContainsKey))
                Add("several-directors", userWhereById[id], $"在职的主任 (Director) 只能有一位，现有：{string.Join("、", directors)}",
                    $"there can be only one active Director; there would be: {string.Join(", ", directors)}");

        // Groups: ids, names, members.
        var groups = new List<OrgGroup>();
        var groupIds = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        for (var i = 0; i < data.Groups.Count; i++)
        {
            var g = data.Groups[i] ?? new OrgGroupData();
            var id = g.Id?.Trim() ?? "";
            var where = new LocalizedText($"小组第 {i + 1} 条（{id}）", $"group #{i + 1} ('{id}')");
            if (!CheckId(id, where, "小组", "group", groupIds, Add)) continue;
            groupIds[id] = where;
            var name = Name(g.Name);
            if (name.ZhCN.Length == 0) Add("missing-name", where, "缺少中文名称 (name.zh-CN)", "the Chinese name (name.zh-CN) is missing");
            var group = new OrgGroup { Id = id, NameZh = name.ZhCN, NameEn = name.En };
            var members = g.Members ?? [];
            for (var j = 0; j < members.Count; j++)
            {
                var user = members[j]?.User?.Trim() ?? "";
                var mWhere = new LocalizedText($"{where.ZhCN}第 {j + 1} 位成员", $"{where.En} member #{j + 1}");
                if (user.Length == 0) Add("missing-member", mWhere, "缺少成员的用户标识 (user)", "the member's user id is missing");
                else if (!allUsers.ContainsKey(user)) Add("unknown-member", mWhere, $"用户“{user}”不存在", $"user '{user}' does not exist");
                else if (group.Members.Any(m => m.UserId == user)) Add("duplicate-member", mWhere, $"用户“{user}”重复出现", $"user '{user}' is listed twice");
                else group.Members.Add(new GroupMember { GroupId = id, UserId = user, Role = Blank(members[j].Role) });
            }
            groups.Add(group);
        }

        return new OrgPlan(sections, users, groups, problems);
    }

    /// <summary>Position by name, ignoring case; empty means Staff. Numbers are not names.</summary>
    public static bool TryParsePosition(string text, out Position position)
    {
        position = Position.Staff;
        if (text.Length == 0) return true;
        foreach (var p in Enum.GetValues<Position>())
            if (string.Equals(p.ToString(), text, StringComparison.OrdinalIgnoreCase)) { position = p; return true; }
        return false;
    }

    /// <summary>The usual title of a position, for rows that leave the title empty.</summary>
    public static string DefaultTitle(Position p) => p switch
    {
        Position.Director => "主任",
        Position.DeputyDirector => "副主任",
        Position.Chief => "科长",
        Position.DeputyChief => "副科长",
        _ => "科员",
    };

    private static bool CheckId(string id, LocalizedText where, string kindZh, string kindEn,
        IReadOnlyDictionary<string, LocalizedText> seen, Action<string, LocalizedText, string, string> add)
    {
        if (id.Length == 0) { add("missing-id", where, $"缺少{kindZh}标识 (id)", $"the {kindEn} id is missing"); return false; }
        if (id.Length > MaxIdLength) { add("id-too-long", where, $"标识超过 {MaxIdLength} 个字符", $"the id is longer than {MaxIdLength} characters"); return false; }
        if (id.Any(char.IsWhiteSpace)) { add("bad-id", where, "标识中不能有空格", "the id must not contain spaces"); return false; }
        if (seen.TryGetValue(id, out var first))
        {
            add("duplicate-id", where, $"{kindZh}标识“{id}”重复，已在{first.ZhCN}出现", $"duplicate {kindEn} id '{id}', already used at {first.En}");
            return false;
        }
        return true;
    }

    private static LocalizedText Name(LocalizedText? name) => new(name?.ZhCN?.Trim() ?? "", name?.En?.Trim() ?? "");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
