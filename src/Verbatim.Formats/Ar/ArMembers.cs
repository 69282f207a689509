using System.Globalization;
using System.Text;
using Verbatim.Archives.Ar;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Ar;

/// <summary>
/// The members of an ar archive, read lazily, each as a slice of the archive with its header values (mtime, uid,
/// gid, mode) as fields with causes. A GNU symbol table becomes a text listing of its symbols.
/// </summary>
internal static class ArMembers
{
    /// <param name="source">The opened archive; the caller keeps it open until the members' comparison has ended.</param>
    public static IEnumerable<Member> Read(ArchiveSource source, IContent archive, CancellationToken cancellationToken)
    {
        foreach (var entry in new ArReader(source.Headers).Entries(cancellationToken))
        {
            var content = entry.Kind == ArEntryKind.File || entry.Size > ArSymbolTable.MaxBytes
                ? source.Slice(entry.DataOffset, entry.Size)
                : SymbolListing(archive, entry, cancellationToken);
            yield return new Member { Name = entry.Name, Fields = Fields(entry), Content = content };
        }
    }

    public static IReadOnlyList<MemberField> Fields(ArEntry entry) =>
    [
        new("mtime", Timestamps.Describe(entry.Mtime), CauseKind.Timestamp),
        new("uid", entry.Uid.ToString(CultureInfo.InvariantCulture), CauseKind.Ownership),
        new("gid", entry.Gid.ToString(CultureInfo.InvariantCulture), CauseKind.Ownership),
        new("mode", "0" + Convert.ToString(entry.Mode, 8).PadLeft(3, '0'), CauseKind.Permissions),
    ];

    private static MemoryContent SymbolListing(IContent archive, ArEntry table, CancellationToken cancellationToken)
    {
        var memberAt = new Dictionary<long, string>();
        using (var scan = archive.Open())
        {
            foreach (var entry in new ArReader(scan).Entries(cancellationToken))
            {
                memberAt[entry.HeaderOffset] = entry.Name;
            }
        }

        var bytes = new byte[table.Size];
        using (var stream = new SubStream(archive.Open(), table.DataOffset, table.Size, ownsInner: true))
        {
            stream.ReadExactly(bytes);
        }

        return new MemoryContent(Encoding.UTF8.GetBytes(ArSymbolTable.Render(bytes, table.Kind == ArEntryKind.SymbolTable64, memberAt)));
    }
}
