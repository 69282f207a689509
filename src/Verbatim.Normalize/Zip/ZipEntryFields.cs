using System.Globalization;
using System.IO.Compression;
using Verbatim.Archives;
using Verbatim.Archives.Zip;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// Turns a pending entry into the entry written: time clamped, extra fields with times or owners removed, Unix
/// permissions made canonical (0644, 0755 for executables and directories, symlinks kept), flags reduced to the
/// UTF-8 bit, and new contents compressed with fixed settings; it records each change it makes.
/// </summary>
internal static class ZipEntryFields
{
    /// <summary>"Version made by": Unix host, zip 2.0.</summary>
    public const ushort MadeBy = 0x0314;

    public static ZipItem Build(ZipPending entry, IContent archive, ZipFlavor flavor, NormalizeContext context, List<Change> changes, List<IDisposable> owners)
    {
        var central = entry.Source.Central;
        var name = entry.DisplayName;
        var (date, time) = (central.DosDate, central.DosTime);
        if (context.Applies(Normalizations.ZipEntryTimes))
        {
            (date, time) = context.Options.SetTimes ? ZipTimes.FromUnix(context.ReferenceTime) : ZipTimes.Clamp(date, time, context.ReferenceTime);
            if (date != central.DosDate || time != central.DosTime)
            {
                changes.Add(new Change(Normalizations.ZipEntryTimes, name, "mtime", Timestamps.DescribeDos(central.DosDate, central.DosTime) ?? "invalid", Timestamps.DescribeDos(date, time)));
            }
        }

        var removed = new List<string>();
        var timesAndOwners = context.Applies(Normalizations.ZipExtraFields);
        var localExtra = ZipExtraFilter.Filter(entry.Source.Local.Extra, timesAndOwners, removed);
        var centralExtra = ZipExtraFilter.Filter(central.Extra, timesAndOwners, removed);
        foreach (var field in removed.Distinct())
        {
            changes.Add(new Change(Normalizations.ZipExtraFields, name, "extra field", field, null));
        }

        var (madeBy, external) = (central.VersionMadeBy, central.ExternalAttributes);
        if (context.Applies(Normalizations.ZipPermissions))
        {
            (madeBy, external) = (MadeBy, CanonicalAttributes(central, entry.Name));
            if (external != central.ExternalAttributes)
            {
                changes.Add(new Change(Normalizations.ZipPermissions, name, "permissions", Describe(central.VersionMadeBy, central.ExternalAttributes), Describe(MadeBy, external)));
            }

            if (central.VersionMadeBy != MadeBy)
            {
                changes.Add(new Change(Normalizations.ZipPermissions, name, "version made by", $"0x{central.VersionMadeBy:x4}", $"0x{MadeBy:x4}"));
            }
        }

        // The writer puts sizes and CRC in the local header, so the data descriptor bit goes whatever the selection.
        var flags = (ushort)(central.Flags & (context.Applies(Normalizations.ZipFlags) ? 0x0800 : ~0x0008));
        if (flags != central.Flags)
        {
            changes.Add(new Change(Normalizations.ZipFlags, name, "flags", $"0x{central.Flags:x4}", $"0x{flags:x4}"));
        }

        var (method, crc, size, data) = Data(entry, archive, flavor, context, changes, owners);
        return new ZipItem
        {
            Name = entry.Name,
            Method = method,
            Flags = flags,
            Crc32 = crc,
            UncompressedSize = size,
            Data = data,
            DosDate = date,
            DosTime = time,
            VersionMadeBy = madeBy,
            ExternalAttributes = external,
            InternalAttributes = central.InternalAttributes,
            LocalExtra = localExtra,
            CentralExtra = centralExtra,
            Comment = central.RawComment,
        };
    }

    private static (ushort Method, uint Crc, long Size, IContent Data) Data(ZipPending entry, IContent archive, ZipFlavor flavor, NormalizeContext context, List<Change> changes, List<IDisposable> owners)
    {
        var source = entry.Source;
        var store = flavor.StoredEntries.Contains(entry.DisplayName) && context.Applies(Normalizations.ZipStoredEntries);
        if (entry.Replacement is null && (!store || source.Central.Method == 0))
        {
            return (source.Central.Method, source.Central.Crc32, source.Central.UncompressedSize, new SliceContent(archive, source.DataStart, source.Central.CompressedSize));
        }

        var contents = entry.Replacement ?? new MemoryContent(ZipEntryCheck.ReadAll(archive, source, 16 << 20));
        if (store && source.Central.Method != 0)
        {
            changes.Add(new Change(Normalizations.ZipStoredEntries, entry.DisplayName, "compression", "deflate", "stored (required first and stored)"));
        }

        var crc = 0u;
        using (var read = contents.Open())
        {
            var buffer = new byte[1 << 16];
            int n;
            while ((n = read.Read(buffer)) > 0)
            {
                crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            }
        }

        if (store || source.Central.Method == 0)
        {
            return (0, crc, contents.Length, contents);
        }

        var compressed = new TempContent(context.Spool.Temp);
        owners.Add(compressed);
        using (var deflate = new DeflateStream(compressed.Writer, CompressionLevel.Optimal, leaveOpen: true))
        using (var read = contents.Open())
        {
            read.CopyTo(deflate);
        }

        return (8, crc, contents.Length, compressed);
    }

    private static uint CanonicalAttributes(ZipCentralEntry source, byte[] name)
    {
        var unixMode = (source.VersionMadeBy >> 8) == 3 ? source.ExternalAttributes >> 16 : 0;
        if (name.Length > 0 && name[^1] == (byte)'/')
        {
            return (0x41EDu << 16) | 0x10; // drwxr-xr-x, MS-DOS directory bit
        }

        if ((unixMode & 0xF000) == 0xA000)
        {
            return 0xA1FFu << 16; // lrwxrwxrwx
        }

        return ((unixMode & 0x49) != 0 ? 0x81EDu : 0x81A4u) << 16; // -rwxr-xr-x or -rw-r--r--
    }

    private static string Describe(ushort madeBy, uint external) =>
        (madeBy >> 8) == 3
            ? $"unix {Convert.ToString(external >> 16, 8)}, attributes 0x{external & 0xFFFF:x4}"
            : string.Create(CultureInfo.InvariantCulture, $"host {madeBy >> 8}, attributes 0x{external:x8}");
}
