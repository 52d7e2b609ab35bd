using System.Data.Common;

namespace Approvals.Workflows.Persistence;

/// <summary>Small helpers for the raw SQL of the hot path (same SQL for SQLite and PostgreSQL).</summary>
internal static class SqlCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>Adds a parameter; DateTime values are stored as UTC, like the EF model does.</summary>
    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value switch
        {
            null => DBNull.Value,
            DateTime d => d.Kind == DateTimeKind.Utc ? d : DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Utc),
            Enum e => e.ToString(),
            _ => value,
        };
        cmd.Parameters.Add(p);
        return cmd;
    }

    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static DateTime Utc(this DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);
    public static DateTime? NullableUtc(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Utc(i);
}
