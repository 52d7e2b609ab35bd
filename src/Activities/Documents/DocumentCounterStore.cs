using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Activities.Documents;

/// <summary>
/// Hands out document numbers from <c>document_counters</c>: one short transaction per number that locks
/// the series-and-year row, so concurrent issuances queue there and each gets the next number: no gaps,
/// no duplicates. Every number is written to the case's timeline in the same transaction
/// (<see cref="Action"/>), which also makes the reservation idempotent per case: a burst that drew a
/// number and then did not commit (a lost race on the instance, a refused action) gets the same
/// number when it runs again, instead of a new one.
/// </summary>
/// <remarks>
/// Why not the burst's own transaction (stage the counter row)? The engine stages an update of a row read
/// outside the burst with the row's current values as the concurrency check, so a counter whose token is
/// the value being changed can never match (every issuance after the first conflicts); and a staged
/// insert that loses the race for a missing counter row fails with a unique-key error the engine does not
/// retry. Both are reported as engine changes (docs/rules/documents.md). SQL written for both SQLite and
/// PostgreSQL (upsert, RETURNING).
/// </remarks>
internal static partial class DocumentCounterStore
{
    /// <summary>The timeline action of an assigned number.</summary>
    public const string Action = "DocumentNumberAssigned";

    [GeneratedRegex(@"\[(?<series>[^|\]]+)\|(?<year>\d{4})\|(?<number>\d+)\]$")]
    private static partial Regex Marker();

    /// <summary>The number of <paramref name="series"/> and <paramref name="year"/> for the case: the one it already holds, or the next.</summary>
    public static async Task<(int Number, bool Reused)> ReserveAsync(ApprovalsDb db, string series, int year, string instanceId, string activityId,
        string? actor, DateTime at, Func<int, string> display, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // Creates the row at 0 if it is missing and locks it until commit: concurrent issuances of the
        // same series and year wait here, one after the other (SQLite: the write lock; PostgreSQL: the row lock).
        await using (var take = Command(connection, tx,
                         "INSERT INTO document_counters (\"Series\", \"Year\", \"LastNumber\") VALUES (@s, @y, 0) " +
                         "ON CONFLICT (\"Series\", \"Year\") DO UPDATE SET \"LastNumber\" = document_counters.\"LastNumber\"", series, year))
            await take.ExecuteNonQueryAsync(ct);

        await using var ctx = db.CreateOn(connection);
        await ctx.Database.UseTransactionAsync(tx, ct);
        var prefix = $"[{series}|{year.ToString(CultureInfo.InvariantCulture)}|";
        var earlier = await ctx.History.AsNoTracking()
            .Where(h => h.InstanceId == instanceId && h.Action == Action && h.Comment != null && h.Comment.Contains(prefix))
            .Select(h => h.Comment!).FirstOrDefaultAsync(ct);
        if (earlier is not null && Marker().Match(earlier) is { Success: true } m)
        {
            await tx.CommitAsync(ct);
            return (int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture), true);
        }

        int number;
        await using (var next = Command(connection, tx,
                         "UPDATE document_counters SET \"LastNumber\" = \"LastNumber\" + 1 WHERE \"Series\" = @s AND \"Year\" = @y RETURNING \"LastNumber\"", series, year))
            number = Convert.ToInt32(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        ctx.History.Add(new CaseHistory
        {
            InstanceId = instanceId, ActivityId = activityId, At = at, ActorId = actor, Action = Action,
            Comment = $"文号 / document number: {display(number)} {prefix}{number.ToString(CultureInfo.InvariantCulture)}]",
        });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (number, false);
    }

    /// <summary>The last number issued in a series and year (0 when none).</summary>
    public static async Task<int> LastAsync(ApprovalsDb db, string series, int year, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.DocumentCounters.Where(c => c.Series == series && c.Year == year).Select(c => c.LastNumber).FirstOrDefaultAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, string series, int year)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        Add(cmd, "@s", series);
        Add(cmd, "@y", year);
        return cmd;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
