using System.Globalization;
using System.Text;

namespace Verbatim.Server.Storage;

/// <summary>
/// The rows of a multi-row <c>VALUES</c> list, each value a parameter (<c>@{prefix}{n}</c>): one statement inserts or
/// updates a batch of rows instead of one round trip a row. A column's template may wrap the parameter (<c>@</c>) in
/// a cast, for the columns of a <c>VALUES</c> table in <c>FROM</c> whose type PostgreSQL cannot infer from a null.
/// </summary>
internal sealed class SqlRows(string prefix, params string[] columns)
{
    private readonly StringBuilder sql = new();

    public List<(string, object?)> Parameters { get; } = [];

    public int Count { get; private set; }

    /// <summary><c>(@v0, @v1), (@v2, @v3)</c>.</summary>
    public string Values => sql.ToString();

    public SqlRows Add(params object?[] values)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"{values.Length} values for {columns.Length} columns");
        }

        sql.Append(Count == 0 ? "(" : ", (");
        for (var i = 0; i < values.Length; i++)
        {
            var name = prefix + Parameters.Count.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append(columns[i].Replace("@", "@" + name, StringComparison.Ordinal));
            Parameters.Add((name, values[i]));
        }

        sql.Append(')');
        Count++;
        return this;
    }

    /// <summary>A comma-separated list of integers for <c>IN (…)</c> (ids read from the database: no parameter needed).</summary>
    public static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Parameters <c>@{prefix}0…</c> for the texts, and their list for <c>IN (…)</c>.</summary>
    public static (string List, (string, object?)[] Parameters) Texts(string prefix, IEnumerable<string> texts)
    {
        var parameters = texts.Select((t, i) => (prefix + i.ToString(CultureInfo.InvariantCulture), (object?)t)).ToArray();
        return (string.Join(", ", parameters.Select(p => "@" + p.Item1)), parameters);
    }
}
