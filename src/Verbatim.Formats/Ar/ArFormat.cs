using Verbatim.Archives.Ar;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Ar;

/// <summary>
/// Unix ar archives (static libraries <c>.a</c>, and the outer layer of other formats), common, GNU and BSD
/// variants. Members are compared in lockstep as slices of the archive; the symbol table as a symbol listing.
/// </summary>
public sealed class ArFormat : IFormat
{
    public string Name => "ar";

    public bool Recognizes(Input input) => ArReader.HasMagic(input.Head);

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        using var a = new ArchiveSource(left.Content);
        using var b = new ArchiveSource(right.Content);
        return await MemberComparer.CompareAsync(
            left.Path,
            right.Path,
            ArMembers.Read(a, left.Content, context.CancellationToken),
            ArMembers.Read(b, right.Content, context.CancellationToken),
            context).ConfigureAwait(false);
    }
}
