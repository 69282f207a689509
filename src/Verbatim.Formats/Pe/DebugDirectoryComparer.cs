using System.Buffers.Binary;
using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the debug directories: which entries there are, the CodeView entry (PDB path, id and age), the PDB
/// checksum, and the embedded portable PDB, which is decompressed and compared as a PDB. Other entries are
/// compared as bytes.
/// </summary>
internal static class DebugDirectoryComparer
{
    /// <summary>The largest embedded PDB decompressed (its header states the size; a bigger claim is refused).</summary>
    private const int MaxEmbeddedPdbBytes = 256 << 20;

    public static void Compare(PeFile a, PeFile b, DifferenceList diffs)
    {
        diffs.Text("debug directory", Listing(a), Listing(b));
        var deterministic = a.Deterministic && b.Deterministic;
        var right = Keyed(b);
        foreach (var (key, ea) in Keyed(a))
        {
            if (!right.TryGetValue(key, out var eb))
            {
                continue;
            }

            if (ea.Stamp != eb.Stamp)
            {
                var l = PeCauses.Stamp(ea.Stamp, a.Deterministic);
                var r = PeCauses.Stamp(eb.Stamp, b.Deterministic);
                diffs.Field($"debug {key} stamp", l, r, PeCauses.Stamp($"{key} debug entry's stamp", l, r, a.Deterministic || b.Deterministic));
            }

            switch (ea.Type)
            {
                case DebugDirectoryEntryType.CodeView:
                    CompareCodeView(a, b, ea, eb, diffs, deterministic);
                    break;
                case DebugDirectoryEntryType.PdbChecksum:
                    var ca = Read(() => a.Reader.ReadPdbChecksumDebugDirectoryData(ea), c => $"{c.AlgorithmName}:{Convert.ToHexStringLower(c.Checksum.AsSpan())}");
                    var cb = Read(() => b.Reader.ReadPdbChecksumDebugDirectoryData(eb), c => $"{c.AlgorithmName}:{Convert.ToHexStringLower(c.Checksum.AsSpan())}");
                    diffs.Field("PDB checksum", ca, cb, PeCauses.Checksum("PDB checksum", ca, cb));
                    break;
                case DebugDirectoryEntryType.EmbeddedPortablePdb:
                    CompareEmbeddedPdb(a, b, ea, eb, diffs, deterministic);
                    break;
                case DebugDirectoryEntryType.Reproducible:
                    break;
                default:
                    CompareBytes(a, b, ea, eb, key, diffs);
                    break;
            }
        }
    }

    private static void CompareCodeView(PeFile a, PeFile b, DebugDirectoryEntry ea, DebugDirectoryEntry eb, DifferenceList diffs, bool deterministic)
    {
        var ca = PeErrors.Guard("CodeView entry of the first file", () => a.Reader.ReadCodeViewDebugDirectoryData(ea));
        var cb = PeErrors.Guard("CodeView entry of the second file", () => b.Reader.ReadCodeViewDebugDirectoryData(eb));
        diffs.Field("CodeView PDB path", ca.Path, cb.Path, PeCauses.PdbPath(ca.Path, cb.Path));
        var idA = ca.Guid.ToString();
        var idB = cb.Guid.ToString();
        diffs.Field("CodeView PDB id", idA, idB, PeCauses.Identifier("PDB id (CodeView GUID)", idA, idB, deterministic));
        var ageA = ca.Age.ToString(CultureInfo.InvariantCulture);
        var ageB = cb.Age.ToString(CultureInfo.InvariantCulture);
        diffs.Field("CodeView PDB age", ageA, ageB, PeCauses.Identifier("PDB age", ageA, ageB, deterministic));
    }

    private static void CompareEmbeddedPdb(PeFile a, PeFile b, DebugDirectoryEntry ea, DebugDirectoryEntry eb, DifferenceList diffs, bool deterministic)
    {
        var path1 = a.Input.Path + "::embedded portable PDB";
        var path2 = b.Input.Path + "::embedded portable PDB";
        MetadataReaderProvider? pa = null;
        MetadataReaderProvider? pb = null;
        try
        {
            pa = OpenEmbedded(a, ea, "first file");
            pb = OpenEmbedded(b, eb, "second file");
            var inner = new DifferenceList(path1, path2, diffs.Context);
            PortablePdbComparer.Compare(pa.GetMetadataReader(), pb.GetMetadataReader(), inner, deterministic, a.Names, b.Names);
            if (inner.Items.Count > 0)
            {
                diffs.Add(new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = "portable-pdb", Children = inner.Items });
            }
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException || PeErrors.IsFormatError(e))
        {
            var difference = CompareBytesDifference(a, b, ea, eb, diffs);
            diffs.Add(difference with
            {
                Field = "embedded portable PDB",
                Comments = [$"unreadable as a portable PDB: {PeErrors.Reason(e)}; compared as bytes (offsets relative to the debug entry's data)", .. difference.Comments],
            });
        }
        finally
        {
            pa?.Dispose();
            pb?.Dispose();
        }
    }

    private static MetadataReaderProvider OpenEmbedded(PeFile file, DebugDirectoryEntry entry, string side)
    {
        Span<byte> header = stackalloc byte[8];
        if (entry.DataSize < 8)
        {
            throw new MalformedInputException($"{side}: embedded PDB entry too small");
        }

        using (var stream = file.Input.Open())
        {
            stream.Position = entry.DataPointer;
            stream.ReadExactly(header);
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (size is < 0 or > MaxEmbeddedPdbBytes || (long)size > (long)entry.DataSize * 1000)
        {
            throw new LimitExceededException($"{side}: embedded PDB claims {size} bytes decompressed");
        }

        var provider = file.Reader.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        try
        {
            provider.GetMetadataReader();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private static void CompareBytes(PeFile a, PeFile b, DebugDirectoryEntry ea, DebugDirectoryEntry eb, string key, DifferenceList diffs)
    {
        var ca = new SliceContent(a.Input.Content, ea.DataPointer, ea.DataSize);
        var cb = new SliceContent(b.Input.Content, eb.DataPointer, eb.DataSize);
        if (!ContentEquality.AreEqual(ca, cb, diffs.Context.CancellationToken))
        {
            var difference = CompareBytesDifference(a, b, ea, eb, diffs);
            diffs.Add(difference with { Field = $"debug {key} data", Comments = ["offsets are relative to the debug entry's data", .. difference.Comments] });
        }
    }

    private static Difference CompareBytesDifference(PeFile a, PeFile b, DebugDirectoryEntry ea, DebugDirectoryEntry eb, DifferenceList diffs) =>
        BinaryComparer.Compare(
            new Input(a.Input.Path, new SliceContent(a.Input.Content, ea.DataPointer, ea.DataSize)),
            new Input(b.Input.Path, new SliceContent(b.Input.Content, eb.DataPointer, eb.DataSize)),
            diffs.Context);

    private static string Listing(PeFile file) => string.Concat(file.Debug.Select(e =>
        $"{Name(e.Type)} version {e.MajorVersion}.{e.MinorVersion}{(e.IsPortableCodeView ? " (portable PDB)" : "")}\n"));

    private static Dictionary<string, DebugDirectoryEntry> Keyed(PeFile file)
    {
        var keyed = new Dictionary<string, DebugDirectoryEntry>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in file.Debug)
        {
            var name = Name(entry.Type);
            var n = seen[name] = seen.GetValueOrDefault(name) + 1;
            keyed[n == 1 ? name : $"{name} (#{n})"] = entry;
        }

        return keyed;
    }

    private static string Name(DebugDirectoryEntryType type) => Enum.IsDefined(type) ? type.ToString() : $"type {(int)type}";

    private static string Read<T>(Func<T> read, Func<T, string> show)
    {
        try
        {
            return show(read());
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            return $"<unreadable: {PeErrors.Reason(e)}>";
        }
    }
}
