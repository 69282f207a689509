using System.Buffers.Binary;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// PE images (Windows executables and DLLs, .NET assemblies) and standalone portable PDBs. Compares headers,
/// sections, imports and exports, the debug directory (CodeView, PDB checksum, embedded portable PDB), and for
/// .NET the metadata: identity, references, attributes, types, IL of each method, resources and user strings.
/// </summary>
public sealed class PeFormat : IFormat
{
    public string Name => "pe";

    /// <summary>An <c>MZ</c> header (the PE header is validated when compared), or a portable PDB's <c>BSJB</c>.</summary>
    public bool Recognizes(Input input)
    {
        var head = input.Head;
        if (PortablePdbFile.HasMagic(head))
        {
            return true;
        }

        if (head.Length < 0x40 || head[0] != (byte)'M' || head[1] != (byte)'Z')
        {
            return false;
        }

        // A text file may start with "MZ": take it only when the DOS header holds binary bytes or points at "PE\0\0".
        var peOffset = BinaryPrimitives.ReadUInt32LittleEndian(head[0x3C..]);
        return head[..0x40].IndexOfAnyInRange((byte)0, (byte)8) >= 0 ||
               (peOffset <= head.Length - 4 && head.Slice((int)peOffset, 4).SequenceEqual("PE\0\0"u8));
    }

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        var pdbLeft = PortablePdbFile.HasMagic(left.Head);
        var pdbRight = PortablePdbFile.HasMagic(right.Head);
        if (pdbLeft != pdbRight)
        {
            return [Difference.ForField(left.Path, right.Path, "format", pdbLeft ? "portable-pdb" : "pe", pdbRight ? "portable-pdb" : "pe")];
        }

        try
        {
            var diffs = new DifferenceList(left.Path, right.Path, context);
            if (pdbLeft)
            {
                using var pa = PortablePdbFile.Open(left, "first file");
                using var pb = PortablePdbFile.Open(right, "second file");
                PortablePdbComparer.Compare(pa.Reader, pb.Reader, diffs, deterministic: null, null, null);
                return diffs.Items;
            }

            using var a = PeFile.Open(left, "first file");
            using var b = PeFile.Open(right, "second file");
            PeHeaderComparer.Compare(a, b, diffs);
            SectionComparer.Compare(a, b, diffs);
            FileRegions.Compare(a, b, diffs);
            NativeDirectories.Compare(a, b, diffs);
            DebugDirectoryComparer.Compare(a, b, diffs);
            if (a.Metadata is not null && b.Metadata is not null)
            {
                await MetadataComparer.CompareAsync(a, b, diffs).ConfigureAwait(false);
            }

            return diffs.Items;
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            throw new MalformedInputException(PeErrors.Reason(e), e);
        }
    }
}
