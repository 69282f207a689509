using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>Compares the COFF header, the optional header, the data directories, the CLI header and the section table.</summary>
internal static class PeHeaderComparer
{
    public static void Compare(PeFile a, PeFile b, DifferenceList diffs)
    {
        var ca = a.Headers.CoffHeader;
        var cb = b.Headers.CoffHeader;
        diffs.Field("COFF machine", Machine(ca.Machine), Machine(cb.Machine));
        var deterministic = a.Deterministic || b.Deterministic;
        var stampA = PeCauses.Stamp((uint)ca.TimeDateStamp, a.Deterministic);
        var stampB = PeCauses.Stamp((uint)cb.TimeDateStamp, b.Deterministic);
        if (ca.TimeDateStamp != cb.TimeDateStamp)
        {
            diffs.Field("COFF TimeDateStamp", stampA, stampB, PeCauses.Stamp("COFF header's TimeDateStamp", stampA, stampB, deterministic));
        }

        diffs.Field("COFF characteristics", ca.Characteristics.ToString(), cb.Characteristics.ToString());
        diffs.Field("COFF symbol table", Hex(ca.PointerToSymbolTable) + $", {ca.NumberOfSymbols} symbols", Hex(cb.PointerToSymbolTable) + $", {cb.NumberOfSymbols} symbols");

        var pa = a.Headers.PEHeader!;
        var pb = b.Headers.PEHeader!;
        var linkerA = $"{pa.MajorLinkerVersion}.{pa.MinorLinkerVersion}";
        var linkerB = $"{pb.MajorLinkerVersion}.{pb.MinorLinkerVersion}";
        diffs.Field("optional header magic", pa.Magic.ToString(), pb.Magic.ToString());
        diffs.Field("linker version", linkerA, linkerB, PeCauses.Toolchain("linker version in the optional header", linkerA, linkerB));
        if (pa.CheckSum != pb.CheckSum)
        {
            diffs.Field("checksum", Hex(pa.CheckSum), Hex(pb.CheckSum), PeCauses.Checksum("PE checksum", Hex(pa.CheckSum), Hex(pb.CheckSum)));
        }

        diffs.Field("subsystem", pa.Subsystem.ToString(), pb.Subsystem.ToString());
        diffs.Field("DLL characteristics", pa.DllCharacteristics.ToString(), pb.DllCharacteristics.ToString());
        diffs.Field("OS version", $"{pa.MajorOperatingSystemVersion}.{pa.MinorOperatingSystemVersion}", $"{pb.MajorOperatingSystemVersion}.{pb.MinorOperatingSystemVersion}");
        diffs.Field("image version", $"{pa.MajorImageVersion}.{pa.MinorImageVersion}", $"{pb.MajorImageVersion}.{pb.MinorImageVersion}");
        diffs.Field("subsystem version", $"{pa.MajorSubsystemVersion}.{pa.MinorSubsystemVersion}", $"{pb.MajorSubsystemVersion}.{pb.MinorSubsystemVersion}");
        diffs.Field("image base", Hex(pa.ImageBase), Hex(pb.ImageBase));
        diffs.Field("entry point", Hex(pa.AddressOfEntryPoint), Hex(pb.AddressOfEntryPoint));
        diffs.Field("size of image", Size(pa.SizeOfImage), Size(pb.SizeOfImage));
        diffs.Field("size of code", Size(pa.SizeOfCode), Size(pb.SizeOfCode));
        diffs.Field("size of initialized data", Size(pa.SizeOfInitializedData), Size(pb.SizeOfInitializedData));
        diffs.Field("size of uninitialized data", Size(pa.SizeOfUninitializedData), Size(pb.SizeOfUninitializedData));
        diffs.Field("size of headers", Size(pa.SizeOfHeaders), Size(pb.SizeOfHeaders));
        diffs.Field("section alignment", Hex(pa.SectionAlignment), Hex(pb.SectionAlignment));
        diffs.Field("file alignment", Hex(pa.FileAlignment), Hex(pb.FileAlignment));
        diffs.Field("stack reserve/commit", $"{Hex(pa.SizeOfStackReserve)}/{Hex(pa.SizeOfStackCommit)}", $"{Hex(pb.SizeOfStackReserve)}/{Hex(pb.SizeOfStackCommit)}");
        diffs.Field("heap reserve/commit", $"{Hex(pa.SizeOfHeapReserve)}/{Hex(pa.SizeOfHeapCommit)}", $"{Hex(pb.SizeOfHeapReserve)}/{Hex(pb.SizeOfHeapCommit)}");
        diffs.Text("data directories", Directories(pa), Directories(pb));
        CompareCorHeaders(a, b, diffs);
        diffs.Text("section table", Sections(a.Headers), Sections(b.Headers));
    }

    private static void CompareCorHeaders(PeFile a, PeFile b, DifferenceList diffs)
    {
        var ha = a.Headers.CorHeader;
        var hb = b.Headers.CorHeader;
        if (ha is null || hb is null)
        {
            diffs.Field("CLI header (.NET)", ha is null ? "absent (native image)" : "present (.NET assembly)", hb is null ? "absent (native image)" : "present (.NET assembly)");
            return;
        }

        diffs.Field("CLI runtime version", $"{ha.MajorRuntimeVersion}.{ha.MinorRuntimeVersion}", $"{hb.MajorRuntimeVersion}.{hb.MinorRuntimeVersion}");
        diffs.Field("CLI flags", ha.Flags.ToString(), hb.Flags.ToString());
        diffs.Field("CLI entry point", EntryPoint(a, ha.EntryPointTokenOrRelativeVirtualAddress), EntryPoint(b, hb.EntryPointTokenOrRelativeVirtualAddress));
        var signatureA = StrongNameSignature(a, ha);
        var signatureB = StrongNameSignature(b, hb);
        if (!string.Equals(signatureA, signatureB, StringComparison.Ordinal))
        {
            diffs.Field("strong-name signature", signatureA, signatureB, PeCauses.Checksum("strong-name signature", signatureA, signatureB));
        }
    }

    private static string EntryPoint(PeFile file, int token)
    {
        if (token == 0)
        {
            return "none";
        }

        if ((token & 0xFF000000) == 0x06000000 && file.Names is { } names)
        {
            return PeErrors.Safe(() => names.Method(System.Reflection.Metadata.Ecma335.MetadataTokens.EntityHandle(token)));
        }

        return Hex((uint)token);
    }

    private static string StrongNameSignature(PeFile file, CorHeader header)
    {
        var directory = header.StrongNameSignatureDirectory;
        if (directory.Size == 0)
        {
            return "none";
        }

        var offset = file.FileOffset(directory.RelativeVirtualAddress, directory.Size);
        if (offset < 0)
        {
            return $"<outside the sections: {Hex(directory.RelativeVirtualAddress)}, {directory.Size} bytes>";
        }

        var bytes = new byte[Math.Min(directory.Size, 4096)];
        using var stream = file.Input.Open();
        stream.Position = offset;
        stream.ReadExactly(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        return hex.Length <= 64 ? hex : $"{hex[..64]}… ({directory.Size} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]})";
    }

    private static string Directories(PEHeader header)
    {
        (string Name, DirectoryEntry Entry)[] entries =
        [
            ("export", header.ExportTableDirectory),
            ("import", header.ImportTableDirectory),
            ("resource", header.ResourceTableDirectory),
            ("exception", header.ExceptionTableDirectory),
            ("certificate", header.CertificateTableDirectory),
            ("base relocation", header.BaseRelocationTableDirectory),
            ("debug", header.DebugTableDirectory),
            ("copyright", header.CopyrightTableDirectory),
            ("global pointer", header.GlobalPointerTableDirectory),
            ("thread local storage", header.ThreadLocalStorageTableDirectory),
            ("load config", header.LoadConfigTableDirectory),
            ("bound import", header.BoundImportTableDirectory),
            ("import address", header.ImportAddressTableDirectory),
            ("delay import", header.DelayImportTableDirectory),
            ("CLI header", header.CorHeaderTableDirectory),
        ];
        var text = new StringBuilder();
        foreach (var (name, entry) in entries)
        {
            if (entry.Size != 0 || entry.RelativeVirtualAddress != 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name,-20} rva {Hex(entry.RelativeVirtualAddress)} size {Hex(entry.Size)}\n");
            }
        }

        return text.ToString();
    }

    private static string Sections(PEHeaders headers)
    {
        var text = new StringBuilder();
        foreach (var s in headers.SectionHeaders)
        {
            text.Append(CultureInfo.InvariantCulture, $"{PeFile.SectionName(s),-8} rva {Hex(s.VirtualAddress)} vsize {Hex(s.VirtualSize)} file {Hex(s.PointerToRawData)} size {Hex(s.SizeOfRawData)} {s.SectionCharacteristics}\n");
        }

        return text.ToString();
    }

    private static string Machine(Machine machine) => $"{machine} ({Hex((ushort)machine)})";

    internal static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    internal static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Size(int value) => $"{value} bytes";
}
