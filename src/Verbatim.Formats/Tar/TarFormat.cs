using Verbatim.Archives.Tar;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Tar;

/// <summary>
/// Tar archives (v7, ustar, GNU, pax), recognised by the <c>ustar</c> magic or a valid header checksum. Members are
/// read lazily and compared in lockstep; their data are slices of the archive, so a pair of large tarballs is
/// compared one member pair at a time without copying.
/// </summary>
public sealed class TarFormat : IFormat
{
    public string Name => "tar";

    public bool Recognizes(Input input)
    {
        if (input.Length < 512)
        {
            return false;
        }

        var head = input.Head;
        return head.Slice(257, 5).SequenceEqual("ustar"u8) || (head[0] != 0 && TarNumbers.ChecksumMatches(head[..512]));
    }

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        using var a = new ArchiveSource(left.Content);
        using var b = new ArchiveSource(right.Content);
        return await MemberComparer.CompareAsync(
            left.Path,
            right.Path,
            TarMembers.Read(a, context.CancellationToken),
            TarMembers.Read(b, context.CancellationToken),
            context).ConfigureAwait(false);
    }
}
