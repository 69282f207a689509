using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the parts of an image outside its sections: the DOS stub with the MSVC "Rich" header (the tools that
/// built each object), the Authenticode certificate table, and any overlay appended after the last section.
/// </summary>
internal static class FileRegions
{
    private const int MaxRichEntries = 1024;

    public static void Compare(PeFile a, PeFile b, DifferenceList diffs)
    {
        var stubA = Stub(a);
        var stubB = Stub(b);
        if (!stubA.AsSpan().SequenceEqual(stubB))
        {
            var richA = Rich(stubA);
            var richB = Rich(stubB);
            if (richA is not null && richB is not null && !string.Equals(richA, richB, StringComparison.Ordinal))
            {
                diffs.Text("Rich header (tools that built the objects)", richA, richB,
                    new Cause(CauseKind.ToolchainVersion, "the Rich header records the compiler and linker builds that produced each object: another toolchain version was used"));
            }
            else
            {
                Bytes(new MemoryContent(stubA), new MemoryContent(stubB), "DOS stub", "offsets are relative to the stub's start (0x40)", a, b, diffs);
            }
        }

        var certificateA = Certificate(a);
        var certificateB = Certificate(b);
        if (certificateA is not null || certificateB is not null)
        {
            var equal = certificateA is not null && certificateB is not null && ContentEquality.AreEqual(certificateA, certificateB, diffs.Context.CancellationToken);
            if (!equal)
            {
                var l = Describe(certificateA);
                var r = Describe(certificateB);
                diffs.Field("Authenticode signature", l, r, PeCauses.Checksum("Authenticode signature", l, r));
                if (Signatures(certificateA, certificateB) is var (sl, sr))
                {
                    diffs.Text("Authenticode certificates and signed digests", sl, sr);
                }
            }
        }

        var overlayA = Overlay(a);
        var overlayB = Overlay(b);
        if ((overlayA is not null || overlayB is not null) && !(overlayA is not null && overlayB is not null && ContentEquality.AreEqual(overlayA, overlayB, diffs.Context.CancellationToken)))
        {
            Bytes(overlayA ?? new MemoryContent(Array.Empty<byte>()), overlayB ?? new MemoryContent(Array.Empty<byte>()), "overlay (data after the last section)", "offsets are relative to the overlay's start", a, b, diffs);
        }
    }

    private static void Bytes(IContent left, IContent right, string field, string comment, PeFile a, PeFile b, DifferenceList diffs)
    {
        var difference = BinaryComparer.Compare(new Input(a.Input.Path, left), new Input(b.Input.Path, right), diffs.Context);
        diffs.Add(difference with { Field = field, Comments = [comment, .. difference.Comments] });
    }

    private static byte[] Stub(PeFile file)
    {
        var end = (int)Math.Min(file.Headers.CoffHeaderStartOffset - 4, 64 * 1024);
        if (end <= 0x40)
        {
            return [];
        }

        var bytes = new byte[end - 0x40];
        using var stream = file.Input.Open();
        stream.Position = 0x40;
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The decoded Rich header entries, one a line, or null when the stub has none.</summary>
    private static string? Rich(byte[] stub)
    {
        var rich = stub.AsSpan().LastIndexOf("Rich"u8);
        if (rich < 0 || rich + 8 > stub.Length || rich % 4 != 0)
        {
            return null;
        }

        var key = BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(rich + 4));
        var start = -1;
        for (var i = rich - 4; i >= 0; i -= 4)
        {
            if ((BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(i)) ^ key) == 0x536E6144)
            {
                start = i;
                break;
            }
        }

        if (start < 0)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = start + 16; i + 8 <= rich && text.Length < MaxRichEntries * 64; i += 8)
        {
            var id = BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(i)) ^ key;
            var count = BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(i + 4)) ^ key;
            text.Append(CultureInfo.InvariantCulture, $"product 0x{id >> 16:x4} build {id & 0xFFFF} used {count} times\n");
        }

        return text.ToString();
    }

    /// <summary>Both certificate tables as their signatures' certificates and digests; null when either cannot be read so.</summary>
    private static (string Left, string Right)? Signatures(IContent? a, IContent? b)
    {
        try
        {
            return (a is null ? "" : Verbatim.Formats.Signatures.AuthenticodeTable.Render(a), b is null ? "" : Verbatim.Formats.Signatures.AuthenticodeTable.Render(b));
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException)
        {
            return null;
        }
    }

    /// <summary>The certificate table: its "RVA" is a file offset, and it lies outside the sections.</summary>
    private static IContent? Certificate(PeFile file)
    {
        var directory = file.Headers.PEHeader!.CertificateTableDirectory;
        if (directory.Size <= 0 || directory.RelativeVirtualAddress <= 0 || (long)directory.RelativeVirtualAddress + directory.Size > file.Input.Length)
        {
            return null;
        }

        return new SliceContent(file.Input.Content, directory.RelativeVirtualAddress, directory.Size);
    }

    /// <summary>The bytes after the last section's raw data, without the certificate table when it is there.</summary>
    private static IContent? Overlay(PeFile file)
    {
        long end = file.Headers.PEHeader!.SizeOfHeaders;
        foreach (var section in file.Headers.SectionHeaders)
        {
            end = Math.Max(end, (long)section.PointerToRawData + section.SizeOfRawData);
        }

        var length = file.Input.Length - end;
        var certificate = file.Headers.PEHeader.CertificateTableDirectory;
        if (certificate.Size > 0 && certificate.RelativeVirtualAddress >= end && (long)certificate.RelativeVirtualAddress + certificate.Size >= file.Input.Length - 7)
        {
            length = certificate.RelativeVirtualAddress - end;
        }

        return length > 0 ? new SliceContent(file.Input.Content, end, length) : null;
    }

    private static string Describe(IContent? content)
    {
        if (content is null)
        {
            return "none";
        }

        using var stream = content.Open();
        var hash = System.Security.Cryptography.SHA256.HashData(stream);
        return $"{content.Length} bytes, SHA-256 {Convert.ToHexStringLower(hash)[..16]}";
    }
}
