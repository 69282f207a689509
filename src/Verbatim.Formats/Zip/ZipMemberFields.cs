using System.Globalization;
using Verbatim.Archives.Zip;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>The readable metadata of one zip entry, each field with the cause a difference in it points to.</summary>
internal static class ZipMemberFields
{
    [ThreadStatic]
    private static (uint Key, string Text)? lastDos;

    public static List<MemberField> Build(ZipCentralEntry entry, ZipLocalHeader? local)
    {
        var fields = new List<MemberField>();
        if (local is not null)
        {
            fields.Add(new MemberField("local time", Dos(local.DosDate, local.DosTime), CauseKind.Timestamp));
        }

        fields.Add(new MemberField("central time", Dos(entry.DosDate, entry.DosTime), CauseKind.Timestamp));
        fields.AddRange(ZipExtraFields.Merge(local is null ? [] : local.Extra, entry.Extra));
        var mode = entry.ExternalAttributes >> 16;
        if (ZipDescriptions.HasUnixMode(entry.Host) && mode != 0)
        {
            fields.Add(new MemberField("permissions", ZipDescriptions.UnixMode(mode), CauseKind.Permissions));
        }

        if ((entry.ExternalAttributes & 0xFF) != 0 || !ZipDescriptions.HasUnixMode(entry.Host))
        {
            fields.Add(new MemberField("dos attributes", ZipDescriptions.DosAttributes(entry.ExternalAttributes), CauseKind.Permissions));
        }

        fields.Add(new MemberField("made by", ZipDescriptions.MadeBy(entry.VersionMadeBy), CauseKind.ToolchainVersion));
        fields.Add(new MemberField("version needed", ZipDescriptions.Version(entry.VersionNeeded & 0xFF), CauseKind.ToolchainVersion));
        fields.Add(new MemberField("flags", ZipDescriptions.Flags(entry.Flags), CauseKind.ToolchainVersion));
        fields.Add(new MemberField("compression", ZipDescriptions.Compression(entry.Method, entry.Flags), CauseKind.Compression));
        fields.Add(new MemberField("compressed size", entry.CompressedSize.ToString(CultureInfo.InvariantCulture), CauseKind.Compression));
        if (entry.Cp437)
        {
            fields.Add(new MemberField("name encoding", "code page 437 (not UTF-8)"));
        }

        if (entry.RawComment.Length > 0)
        {
            fields.Add(new MemberField("entry comment", ZipText.Comment(entry.RawComment, (entry.Flags & 0x800) != 0)));
        }

        if (entry.InternalAttributes != 0)
        {
            fields.Add(new MemberField("internal attributes", (entry.InternalAttributes & 1) != 0 ? "text" : $"0x{entry.InternalAttributes:x4}"));
        }

        if (local?.DisagreementWith(entry) is { } disagreement)
        {
            fields.Add(new MemberField("local header", disagreement));
        }

        return fields;
    }

    /// <summary>The fields shown for an entry whose content cannot be read, so that a change in it is still seen.</summary>
    public static IEnumerable<MemberField> Declared(ZipCentralEntry entry) =>
    [
        new MemberField("declared crc-32", entry.Crc32.ToString("x8", CultureInfo.InvariantCulture)),
        new MemberField("declared size", entry.UncompressedSize.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>A DOS date and time as text; recent values are cached, as an archive's entries often share one time.</summary>
    private static string Dos(ushort date, ushort time)
    {
        var key = ((uint)date << 16) | time;
        var cached = lastDos;
        if (cached is not null && cached.Value.Key == key)
        {
            return cached.Value.Text;
        }

        var text = Timestamps.DescribeDos(date, time) ?? $"invalid DOS date 0x{date:x4} time 0x{time:x4}";
        lastDos = (key, text);
        return text;
    }
}
