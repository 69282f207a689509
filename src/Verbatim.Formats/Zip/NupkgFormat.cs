using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A NuGet package: named .nupkg, or a zip with <c>[Content_Types].xml</c> and a <c>.nuspec</c> at its root. NuGet
/// names the core properties part with a random id at each pack, and writes random relationship ids in
/// <c>_rels/.rels</c>: the part is matched across the two sides whatever its name, with the name as a field.
/// </summary>
public sealed class NupkgFormat : ZipFamilyFormat
{
    private const string CorePropertiesFolder = "package/services/metadata/core-properties/";
    private const string CorePropertiesKey = CorePropertiesFolder + "(random).psmdcp";

    public override string Name => "nupkg";

    public override IReadOnlyList<string> Extensions => [".nupkg", ".snupkg"];

    public override bool MatchesContent(ZipProbe probe) =>
        probe.Names.Contains("[Content_Types].xml") && probe.Names.Any(n => n.EndsWith(".nuspec", StringComparison.Ordinal) && !n.Contains('/'));

    public override IEnumerable<Member> Adjust(IEnumerable<Member> members)
    {
        foreach (var member in members)
        {
            if (!IsCoreProperties(member.Name))
            {
                yield return member;
                continue;
            }

            yield return new Member
            {
                Name = CorePropertiesKey,
                Type = member.Type,
                Fields = [new MemberField("random name", member.Name, CauseKind.RandomId), .. member.Fields],
                Content = member.Content,
                LinkTarget = member.LinkTarget,
                Unreadable = member.Unreadable,
            };
        }
    }

    public override IEnumerable<Difference> Explain(string containerPath, IReadOnlyList<Difference> differences) =>
        AddCause(
            containerPath,
            differences,
            name => name == "_rels/.rels",
            _ => new Cause(CauseKind.RandomId, "NuGet writes random relationship ids (Id=\"R…\") and the random .psmdcp name into _rels/.rels at each pack"));

    private static bool IsCoreProperties(string name) =>
        name.StartsWith(CorePropertiesFolder, StringComparison.Ordinal) &&
        name.EndsWith(".psmdcp", StringComparison.Ordinal) &&
        name.IndexOf('/', CorePropertiesFolder.Length) < 0;
}
