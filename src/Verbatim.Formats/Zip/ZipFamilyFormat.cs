using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A member of the zip family (zip, jar, nupkg, wheel, apk, OpenDocument, Office Open XML): zip magic plus a name or
/// content hint. All share <see cref="ZipComparer"/>; a format only adds its name and small explanations.
/// </summary>
public abstract class ZipFamilyFormat : IFormat
{
    public abstract string Name { get; }

    /// <summary>File name extensions (lower-case, with the dot) that name this format.</summary>
    public virtual IReadOnlyList<string> Extensions => [];

    /// <summary>Whether the archive's entries show it is in this format, whatever its name.</summary>
    public virtual bool MatchesContent(ZipProbe probe) => false;

    public bool Recognizes(Input input) => ZipFamily.Classify(input) == Name;

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context) =>
        ZipComparer.CompareAsync(left, right, context, this);

    /// <summary>Lets a format rename or annotate members before they are matched (e.g. a randomly named file).</summary>
    public virtual IEnumerable<Member> Adjust(IEnumerable<Member> members) => members;

    /// <summary>Lets a format add causes it knows to the member differences found.</summary>
    /// <param name="containerPath">The first archive's path: member paths are it, <c>::</c> and the member's name.</param>
    /// <param name="differences">The member differences, in order.</param>
    public virtual IEnumerable<Difference> Explain(string containerPath, IReadOnlyList<Difference> differences) => differences;

    /// <summary>The differences with <paramref name="cause"/> added to each member node whose name satisfies <paramref name="member"/>.</summary>
    protected static IEnumerable<Difference> AddCause(
        string containerPath, IReadOnlyList<Difference> differences, Func<string, bool> member, Func<Difference, Cause?> cause)
    {
        var prefix = containerPath + "::";
        foreach (var difference in differences)
        {
            var name = difference.Path1.StartsWith(prefix, StringComparison.Ordinal) ? difference.Path1[prefix.Length..] : "";
            if (difference.Kind == DifferenceKind.Node && member(name) && cause(difference) is { } found)
            {
                yield return difference with { Causes = [.. difference.Causes, found] };
            }
            else
            {
                yield return difference;
            }
        }
    }
}
