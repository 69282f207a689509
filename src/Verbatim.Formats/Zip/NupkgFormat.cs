using Verbatim.Archives.Zip;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A NuGet package (<see cref="ZipFlavors.Nupkg"/>). NuGet names the core properties part with a random id at each
/// pack, and writes random relationship ids in <c>_rels/.rels</c>: the part is matched across the two sides whatever
/// its name, with the name as a field.
/// </summary>
public sealed class NupkgFormat() : ZipFamilyFormat(ZipFlavors.Nupkg)
{
    private static readonly ZipRandomPart Part = ZipFlavors.Nupkg.RandomPart!;
    private static readonly string CorePropertiesKey = Part.Folder + "(random)" + Part.Extension;

    public override IEnumerable<Member> Adjust(IEnumerable<Member> members)
    {
        foreach (var member in members)
        {
            if (!Part.Matches(member.Name))
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
            name => name == Part.Relationships,
            _ => new Cause(CauseKind.RandomId, "NuGet writes random relationship ids (Id=\"R…\") and the random .psmdcp name into _rels/.rels at each pack"));
}
