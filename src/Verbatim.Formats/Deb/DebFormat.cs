using Verbatim.Archives.Ar;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Ar;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Deb;

/// <summary>
/// Debian binary packages: an ar archive whose first member is <c>debian-binary</c>. Its members (control.tar.*,
/// data.tar.*) are compared through the engine, which opens the compressed tars and their files. On top of that the
/// package's <c>control</c> file is compared field by field and its <c>md5sums</c> file by file, each changed digest
/// tied to the file in data.tar whose contents changed.
/// </summary>
public sealed class DebFormat : IFormat
{
    public string Name => "deb";

    public bool Recognizes(Input input) => ArReader.FirstMemberIs(input.Head, "debian-binary"u8);

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        var token = context.CancellationToken;
        IReadOnlyList<Difference> members;
        using (var a = new ArchiveSource(left.Content))
        using (var b = new ArchiveSource(right.Content))
        {
            members = await MemberComparer.CompareAsync(
                left.Path, right.Path, ArMembers.Read(a, left.Content, token), ArMembers.Read(b, right.Content, token), context).ConfigureAwait(false);
        }

        var controlLeft = ReadControl(left, token);
        var controlRight = ReadControl(right, token);
        var results = new List<Difference>();
        if (controlLeft is not null && controlRight is not null)
        {
            var p1 = left.Path + "::control";
            var p2 = right.Path + "::control";
            var fields = FieldCauses.Compare(p1, p2, controlLeft.Fields, controlRight.Fields);
            if (fields.Count > 0)
            {
                results.Add(new Difference { Path1 = p1, Path2 = p2, Kind = DifferenceKind.Node, Format = "deb-control", Children = fields });
            }

            var sums = DebMd5Sums.Compare(left, right, controlLeft, controlRight, members, context);
            if (sums is not null)
            {
                results.Add(sums);
            }

            members = [.. members.Select(DebPruning.WithoutControlText).OfType<Difference>()];
        }

        results.AddRange(members.Select(m => DebTimes.Explain(m, left.Path)));
        return results;
    }

    /// <summary>The package's control data, or null when it cannot be read (the member comparison then says why).</summary>
    private static DebControl? ReadControl(Input input, CancellationToken token)
    {
        try
        {
            return DebControl.Read(input.Content, token);
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
