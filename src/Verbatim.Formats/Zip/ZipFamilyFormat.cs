using Verbatim.Archives.Zip;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A member of the zip family (zip, jar, nupkg, wheel, apk, OpenDocument, Office Open XML): one <see cref="ZipFlavor"/>
/// of <see cref="ZipFlavors"/>, which says how it is recognised. All share <see cref="ZipComparer"/>; a subclass only
/// adds small explanations.
/// </summary>
public class ZipFamilyFormat(ZipFlavor flavor) : IFormat
{
    public ZipFlavor Flavor { get; } = flavor;

    public string Name => Flavor.Name;

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
