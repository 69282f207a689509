using System.IO.Compression;
using System.Text;
using Verbatim.Archives;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Gzip;

/// <summary>
/// gzip: the header's mtime zeroed, OS byte set to Unix, original name, extra field and header CRC dropped (the
/// comment kept); the decompressed contents normalized through the registry (a tar inside) and re-compressed as one
/// member with fixed settings, so the output depends only on the contents.
/// </summary>
public sealed class GzipNormalizer : INormalizer
{
    public string Name => "gzip";

    public bool Recognizes(NormalizeInput input) => input.Head.Length >= 3 && input.Head[0] == 0x1f && input.Head[1] == 0x8b && input.Head[2] == 8;

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        GzipHeader header;
        using (var stream = input.Open())
        {
            header = GzipHeader.Read(stream);
        }

        using var inner = Compressed.Decompression.ToSpool("gzip", input, context);
        var (content, memberChanges, owner) = context.NormalizeMemberToContent(inner, "");
        using (owner)
        {
            var changes = HeaderChanges(header).ToList();
            changes.AddRange(memberChanges);
            output.Write(GzipHeader.Canonical(header.Comment));
            var crc = 0u;
            using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            using (var source = content.Open())
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = source.Read(buffer)) > 0)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                    deflate.Write(buffer, 0, n);
                }
            }

            Span<byte> trailer = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)content.Length);
            output.Write(trailer);
            return changes;
        }
    }

    private static IEnumerable<Change> HeaderChanges(GzipHeader header)
    {
        if (header.Mtime != 0)
        {
            yield return new Change("", "gzip mtime", Timestamps.Describe(header.Mtime), "0");
        }

        if (header.Os != 3)
        {
            yield return new Change("", "gzip OS", header.Os.ToString(System.Globalization.CultureInfo.InvariantCulture), "3 (Unix)");
        }

        if (header.Name is not null)
        {
            yield return new Change("", "gzip original name", Encoding.Latin1.GetString(header.Name), null);
        }

        if (header.Extra is not null)
        {
            yield return new Change("", "gzip extra field", $"{header.Extra.Length} bytes", null);
        }

        if ((header.Flags & 2) != 0)
        {
            yield return new Change("", "gzip header CRC", "present", null);
        }
    }
}
