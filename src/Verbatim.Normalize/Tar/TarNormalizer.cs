using System.Globalization;
using System.Text;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Archives.Tar;
using Verbatim.Normalize.Engine;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Tar;

/// <summary>
/// Tar (v7, ustar, GNU, pax; also inside gzip, xz, zstd, bzip2 and .deb members): read with the shared tar reader,
/// then written anew by <see cref="TarWriter"/> with, as selected, mtimes clamped to the reference time (fractions
/// dropped), uid/gid 0 and owner names dropped, pax time records (atime, ctime, creation time) and inode records
/// removed, members in canonical order (by name bytes; a hard link after its target); members another handler
/// recognises are normalized through the registry. Modes, link targets, device numbers and other pax records are
/// kept; a contradictory hard link or an out-of-range mode leaves the archive untouched.
/// </summary>
internal sealed class TarNormalizer : INormalizer
{
    private const string CreationTimePax = "LIBARCHIVE.creationtime";

    private const long MaxMode = 0x1FFFFF; // 7 octal digits, the ustar mode field

    private static readonly HashSet<string> InodePax = new(StringComparer.Ordinal) { "SCHILY.dev", "SCHILY.ino", "SCHILY.nlink", "SCHILY.fflags" };

    public string Name => "tar";

    public bool Recognizes(NormalizeInput input) =>
        input.Head.Length >= 512 && (input.Head.Slice(257, 5).SequenceEqual("ustar"u8) || (input.Head[0] != 0 && TarNumbers.ChecksumMatches(input.Head[..512])));

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        var changes = new List<Change>();
        var owners = new List<IDisposable>();
        try
        {
            List<TarEntry> entries;
            using (var stream = input.Open())
            {
                entries = [.. new TarReader(stream).Entries(context.CancellationToken)];
            }

            CheckHardLinks(entries);
            var items = new List<TarItem>(entries.Count);
            foreach (var entry in entries)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                items.Add(Item(entry, input, context, changes, owners));
            }

            var ordered = items;
            if (context.Applies(Normalizations.TarOrder))
            {
                ordered = TarOrder.Canonical(items);
                if (!ordered.SequenceEqual(items))
                {
                    changes.Insert(0, new Change(Normalizations.TarOrder, "", "member order", "as archived", "canonical (by name)"));
                }
            }

            var writer = new TarWriter(output);
            foreach (var item in ordered)
            {
                writer.Write(item, context.CancellationToken);
            }

            writer.Finish();
            return changes;
        }
        finally
        {
            foreach (var owner in owners)
            {
                owner.Dispose();
            }
        }
    }

    /// <summary>
    /// A hard link is the same file as its target: one that carries data of its own while its target in the archive
    /// has another size (an empty target, say) is contradictory, and tar readers disagree on which contents win.
    /// </summary>
    private static void CheckHardLinks(List<TarEntry> entries)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Type == TarEntryType.File))
        {
            sizes[entry.Name] = entry.Size;
        }

        foreach (var link in entries.Where(e => e.Type == TarEntryType.Hardlink && e.Size > 0))
        {
            if (link.LinkTarget is { } target && sizes.TryGetValue(target, out var size) && size != link.Size)
            {
                throw new MalformedInputException($"{link.Name}: a hard link to {target} carries {link.Size} bytes of data but {target} has {size}");
            }
        }
    }

    private static TarItem Item(TarEntry entry, IContent input, NormalizeContext context, List<Change> changes, List<IDisposable> owners)
    {
        var name = entry.Name;
        if (entry.Sparse)
        {
            throw new UnsupportedInputException($"{name}: sparse members are not handled");
        }

        if (entry.TypeFlag is not (0 or (byte)'0' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'6' or (byte)'7'))
        {
            throw new UnsupportedInputException($"{name}: member type '{(char)entry.TypeFlag}' is not handled");
        }

        if (name.Contains("\\x", StringComparison.Ordinal) || (entry.LinkTarget?.Contains("\\x", StringComparison.Ordinal) ?? false))
        {
            throw new UnsupportedInputException($"{name}: a name with bytes that are not UTF-8 (or a literal \\x)");
        }

        if (entry.Mode is < 0 or > MaxMode)
        {
            throw new MalformedInputException($"{name}: mode {entry.Mode} is out of range (more than 7 octal digits)");
        }

        var pax = new List<KeyValuePair<string, byte[]>>();
        var mtime = Mtime(entry.Mtime);
        if (context.Applies(Normalizations.TarMtimes))
        {
            var time = context.Time(mtime);
            if (time.ToString(CultureInfo.InvariantCulture) != entry.Mtime)
            {
                changes.Add(new Change(Normalizations.TarMtimes, name, "mtime", Describe(entry.Mtime), Timestamps.Describe(time)));
            }

            mtime = time;
        }
        else if (entry.Mtime.Contains('.', StringComparison.Ordinal))
        {
            pax.Add(new("mtime", Encoding.ASCII.GetBytes(entry.Mtime)));
        }

        var zeroOwners = context.Applies(Normalizations.TarOwners);
        if (zeroOwners)
        {
            AddIf(changes, Normalizations.TarOwners, name, "uid", entry.Uid != 0, entry.Uid, "0");
            AddIf(changes, Normalizations.TarOwners, name, "gid", entry.Gid != 0, entry.Gid, "0");
            AddIf(changes, Normalizations.TarOwners, name, "uname", entry.Uname.Length > 0, entry.Uname, null);
            AddIf(changes, Normalizations.TarOwners, name, "gname", entry.Gname.Length > 0, entry.Gname, null);
        }

        var otherTimes = context.Applies(Normalizations.TarOtherTimes);
        foreach (var (field, value) in new[] { ("atime", entry.Atime), ("ctime", entry.Ctime) })
        {
            if (value is null)
            {
                continue;
            }

            if (otherTimes)
            {
                changes.Add(new Change(Normalizations.TarOtherTimes, name, field, value, null));
            }
            else
            {
                pax.Add(new(field, Encoding.ASCII.GetBytes(value)));
            }
        }

        foreach (var (key, value) in entry.OtherPax)
        {
            var dropped = key == CreationTimePax ? Normalizations.TarOtherTimes : InodePax.Contains(key) ? Normalizations.TarInodeRecords : null;
            if (dropped is not null && context.Applies(dropped))
            {
                changes.Add(new Change(dropped, name, $"pax {key}", value, null));
                continue;
            }

            if (value.Contains("\\x", StringComparison.Ordinal))
            {
                throw new UnsupportedInputException($"{name}: the pax record {key} holds bytes that are not UTF-8");
            }

            pax.Add(new(key, Encoding.UTF8.GetBytes(value)));
        }

        IContent data = new SliceContent(input, entry.DataOffset, entry.Size);
        if (entry.TypeFlag is 0 or (byte)'0' or (byte)'7' && entry.Size > 0)
        {
            var (content, memberChanges, owner) = context.NormalizeMemberToContent(data, name);
            if (owner is not null)
            {
                owners.Add(owner);
            }

            data = content;
            changes.AddRange(memberChanges);
        }

        return new TarItem
        {
            Name = Encoding.UTF8.GetBytes(name),
            TypeFlag = entry.TypeFlag == 0 ? (byte)'0' : entry.TypeFlag,
            Mode = entry.Mode,
            Mtime = mtime,
            Uid = zeroOwners ? 0 : entry.Uid,
            Gid = zeroOwners ? 0 : entry.Gid,
            Uname = zeroOwners ? [] : Encoding.UTF8.GetBytes(entry.Uname),
            Gname = zeroOwners ? [] : Encoding.UTF8.GetBytes(entry.Gname),
            LinkName = entry.LinkTarget is null ? [] : Encoding.UTF8.GetBytes(entry.LinkTarget),
            DevMajor = entry.Device?.Major ?? 0,
            DevMinor = entry.Device?.Minor ?? 0,
            Pax = [.. pax.OrderBy(p => p.Key, StringComparer.Ordinal)],
            Data = data,
        };
    }

    private static long Mtime(string text)
    {
        var whole = text.Split('.')[0];
        var seconds = long.Parse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Contains('.', StringComparison.Ordinal) ? seconds - 1 : seconds;
    }

    private static string Describe(string mtime) =>
        long.TryParse(mtime, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? Timestamps.Describe(s) : mtime;

    private static void AddIf<T>(List<Change> changes, Normalization normalization, string member, string field, bool condition, T from, string? to)
    {
        if (condition)
        {
            changes.Add(new Change(normalization, member, field, Convert.ToString(from, CultureInfo.InvariantCulture), to));
        }
    }
}
