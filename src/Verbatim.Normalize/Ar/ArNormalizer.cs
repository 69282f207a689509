using System.Globalization;
using System.Text;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Archives.Ar;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Ar;

/// <summary>
/// ar archives and static libraries (<c>.a</c>), and Debian packages: each member header gets its mtime clamped to
/// the reference time, uid and gid 0 and mode 100644; member order, names, the symbol table and the long-name table
/// are kept byte for byte. Members another handler recognises (a .deb's <c>control.tar.*</c> and <c>data.tar.*</c>)
/// are normalized through the registry, and their header's size follows.
/// </summary>
internal sealed class ArNormalizer(bool debian) : INormalizer
{
    public string Name => debian ? "deb" : "ar";

    public bool Recognizes(NormalizeInput input) =>
        debian ? ArReader.FirstMemberIs(input.Head, "debian-binary"u8) : ArReader.HasMagic(input.Head);

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        var changes = new List<Change>();
        using var stream = input.Open();
        var entries = new ArReader(stream).Entries(context.CancellationToken).ToList();
        if (debian)
        {
            DebLayout.Check(entries, stream);
        }

        var position = 0L;
        foreach (var entry in entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Copy(stream, position, entry.HeaderOffset - position, output);
            var header = new ArHeader(stream, entry);
            var nameInData = entry.DataOffset - entry.HeaderOffset - ArReader.HeaderSize;
            IContent data = new SliceContent(input, entry.DataOffset, entry.Size);
            IDisposable? owner = null;
            if (entry.Kind == ArEntryKind.File && entry.Size > 0)
            {
                (data, var memberChanges, owner) = context.NormalizeMemberToContent(data, entry.Name);
                changes.AddRange(memberChanges);
            }

            using (owner)
            {
                if (context.Applies(Normalizations.ArMtimes))
                {
                    var mtime = context.Time(entry.Mtime);
                    Record(changes, Normalizations.ArMtimes, entry, "mtime", mtime != entry.Mtime, Timestamps.Describe(entry.Mtime), Timestamps.Describe(mtime));
                    header.Mtime = mtime;
                }

                if (context.Applies(Normalizations.ArOwners))
                {
                    Record(changes, Normalizations.ArOwners, entry, "uid", entry.Uid != 0, entry.Uid.ToString(CultureInfo.InvariantCulture), "0");
                    Record(changes, Normalizations.ArOwners, entry, "gid", entry.Gid != 0, entry.Gid.ToString(CultureInfo.InvariantCulture), "0");
                    header.Uid = 0;
                    header.Gid = 0;
                }

                if (context.Applies(Normalizations.ArModes))
                {
                    Record(changes, Normalizations.ArModes, entry, "mode", entry.Mode != Convert.ToInt64("100644", 8), Convert.ToString(entry.Mode, 8), "100644");
                    header.Mode = Convert.ToInt64("100644", 8);
                }

                header.Size = nameInData + data.Length;
                header.WriteTo(output);
                Copy(stream, entry.HeaderOffset + ArReader.HeaderSize, nameInData, output);
                using (var member = data.Open())
                {
                    member.CopyTo(output);
                }

                if (((nameInData + data.Length) & 1) != 0)
                {
                    output.WriteByte((byte)'\n');
                }
            }

            position = entry.DataOffset + entry.Size + ((nameInData + entry.Size) & 1);
        }

        Copy(stream, position, stream.Length - position, output);
        return changes;
    }

    private static void Record(List<Change> changes, Normalization normalization, ArEntry entry, string field, bool changed, string from, string to)
    {
        if (changed)
        {
            changes.Add(new Change(normalization, entry.Name, field, from, to));
        }
    }

    private static void Copy(Stream stream, long from, long count, Stream output)
    {
        if (count <= 0)
        {
            return;
        }

        stream.Position = from;
        var buffer = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0)
            {
                throw new MalformedInputException("truncated ar archive");
            }

            output.Write(buffer, 0, n);
            count -= n;
        }
    }
}
