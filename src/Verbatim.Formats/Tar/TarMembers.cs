using System.Globalization;
using Verbatim.Archives.Tar;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Tar;

/// <summary>
/// The members of a tar archive, read lazily: each header becomes a <see cref="Member"/> whose content is a slice
/// of the archive (no copy), with its header values as readable fields carrying their causes.
/// </summary>
internal static class TarMembers
{
    /// <param name="source">The opened archive; the caller keeps it open until the members' comparison has ended,
    /// since members are slices of it (an iterator's own <c>using</c> would close it at the last member).</param>
    public static IEnumerable<Member> Read(ArchiveSource source, CancellationToken cancellationToken)
    {
        foreach (var entry in new TarReader(source.Headers).Entries(cancellationToken))
        {
            yield return ToMember(entry, entry.Type == TarEntryType.File && !entry.Sparse ? source.Slice(entry.DataOffset, entry.Size) : null);
        }
    }

    public static Member ToMember(TarEntry entry, IContent? content) => new()
    {
        Name = entry.Name,
        Type = Kind(entry.Type),
        Fields = Fields(entry),
        Content = content,
        LinkTarget = entry.LinkTarget,
        Unreadable = entry.Sparse ? "GNU sparse file: its contents are not reconstructed" : null,
    };

    private static MemberType Kind(TarEntryType type) => type switch
    {
        TarEntryType.File => MemberType.File,
        TarEntryType.Directory => MemberType.Directory,
        TarEntryType.Symlink => MemberType.Symlink,
        TarEntryType.Hardlink => MemberType.Hardlink,
        TarEntryType.CharacterDevice => MemberType.CharacterDevice,
        TarEntryType.BlockDevice => MemberType.BlockDevice,
        TarEntryType.Fifo => MemberType.Fifo,
        _ => MemberType.Other,
    };

    private static List<MemberField> Fields(TarEntry entry)
    {
        var fields = new List<MemberField>
        {
            new("header format", entry.Format),
            new("mode", Octal(entry.Mode), CauseKind.Permissions),
            new("uid", entry.Uid.ToString(CultureInfo.InvariantCulture), CauseKind.Ownership),
            new("gid", entry.Gid.ToString(CultureInfo.InvariantCulture), CauseKind.Ownership),
            new("uname", entry.Uname, CauseKind.Ownership),
            new("gname", entry.Gname, CauseKind.Ownership),
            new("mtime", DescribeTime(entry.Mtime), CauseKind.Timestamp),
        };
        if (entry.Atime is not null)
        {
            fields.Add(new("atime", DescribeTime(entry.Atime), CauseKind.Timestamp));
        }

        if (entry.Ctime is not null)
        {
            fields.Add(new("ctime", DescribeTime(entry.Ctime), CauseKind.Timestamp));
        }

        if (entry.Type == TarEntryType.Other)
        {
            fields.Add(new("type flag", MemberNames.Escape(((char)entry.TypeFlag).ToString())));
        }

        if (entry.Device is var (major, minor))
        {
            fields.Add(new("device", $"{major},{minor}"));
        }

        if (entry.Sparse || entry.Type != TarEntryType.File)
        {
            fields.Add(new("stored size", entry.Size.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var (key, value) in entry.OtherPax)
        {
            fields.Add(new($"pax {key}", value, key.StartsWith("LIBARCHIVE.creationtime", StringComparison.Ordinal) ? CauseKind.Timestamp : null));
        }

        return fields;
    }

    private static string Octal(long mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');

    /// <summary>Decodes a tar time (whole seconds, or a pax decimal with a fraction) as a date with the raw value.</summary>
    public static string DescribeTime(string raw)
    {
        var dot = raw.IndexOf('.', StringComparison.Ordinal);
        var whole = long.Parse(dot < 0 ? raw : raw[..dot], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var text = Timestamps.Describe(whole);
        var fraction = dot < 0 ? "" : raw[dot..].TrimEnd('0');
        return fraction is "" or "." ? text : text.Replace($"({whole})", $"({raw})", StringComparison.Ordinal);
    }
}
