using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Pe;

/// <summary>Collects the differences found at one level of a PE or PDB comparison, each a field or a text diff.</summary>
internal sealed class DifferenceList(string path1, string path2, ComparisonContext context)
{
    public string Path1 => path1;

    public string Path2 => path2;

    public ComparisonContext Context => context;

    public List<Difference> Items { get; } = [];

    /// <summary>Adds a field difference when the values differ.</summary>
    public void Field(string name, string? left, string? right, params Cause[] causes)
    {
        if (!string.Equals(left, right, StringComparison.Ordinal))
        {
            Items.Add(Difference.ForField(path1, path2, name, left, right, causes));
        }
    }

    /// <summary>Adds a field difference whose cause is <paramref name="kind"/>, explained by <paramref name="why"/>.</summary>
    public void Field(string name, string? left, string? right, CauseKind kind, string why) =>
        Field(name, left, right, new Cause(kind, why, left, right));

    /// <summary>Adds a field difference with the causes recognised in its values.</summary>
    public void FieldClassified(string name, string? left, string? right)
    {
        if (!string.Equals(left, right, StringComparison.Ordinal))
        {
            Field(name, left, right, [.. ContentCauses.Classify(left ?? "", right ?? "")]);
        }
    }

    /// <summary>Adds a text difference (unified diff) when the listings differ; <paramref name="first"/> causes lead.</summary>
    public Difference? Text(string label, string left, string right, params Cause[] first)
    {
        var difference = TextComparer.Compare(path1, path2, label, left, right, context, "pe");
        if (difference is null)
        {
            return null;
        }

        if (first.Length > 0)
        {
            var causes = first.ToList();
            ContentCauses.Merge(causes, difference.Causes);
            difference = difference with { Causes = causes };
        }

        Items.Add(difference);
        return difference;
    }

    public void Add(Difference difference) => Items.Add(difference);
}
