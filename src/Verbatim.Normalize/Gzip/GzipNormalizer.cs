using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Verbatim.Archives;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Gzip;

/// <summary>
/// gzip: the header's mtime zeroed, OS byte set to Unix, original name, extra field and header CRC dropped (the
/// comment kept); the decompressed contents (CRC-32 and size checked by the decoder) normalized through the registry
/// (a tar inside). When the contents did not change, the deflate stream and trailer are copied as they are (only the
/// header is rewritten); otherwise, or with <c>gzip-recompress</c>, or for several members, the contents are
/// compressed again as one member with fixed settings.
/// </summary>
public sealed class GzipNormalizer : INormalizer
{
    public string Name => "gzip";

    public bool Recognizes(NormalizeInput input) => input.Head.Length >= 3 && input.Head[0] == 0x1f && input.Head[1] == 0x8b && input.Head[2] == 8;

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        GzipHeader header;
        byte[] original;
        using (var stream = input.Open())
        {
            header = GzipHeader.Read(stream);
            original = new byte[stream.Position];
            stream.Position = 0;
            stream.ReadExactly(original);
        }

        using var inner = Compressed.Decompression.ToSpool("gzip", input, context, out var members);
        var (content, memberChanges, owner) = context.NormalizeMemberToContent(inner, "");
        using (owner)
        {
            var changes = new List<Change>();
            var rewriteHeader = context.Applies(Normalizations.GzipHeader);
            if (rewriteHeader)
            {
                changes.AddRange(HeaderChanges(header));
            }

            changes.AddRange(memberChanges);
            output.Write(rewriteHeader ? GzipHeader.Canonical(header.Comment) : original);
            if (owner is null && members == 1 && !context.Applies(Normalizations.GzipRecompress))
            {
                CopyFrom(input, original.Length, output, context.CancellationToken);
                return changes;
            }

            if (members > 1)
            {
                changes.Add(new Change(Normalizations.CanonicalEncoding, "", "gzip members", members.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"));
            }
            else if (owner is null)
            {
                changes.Add(new Change(Normalizations.GzipRecompress, "", "deflate stream", "as compressed", "re-compressed with fixed settings"));
            }

            Compress(content, output, context.CancellationToken);
            return changes;
        }
    }

    /// <summary>The deflate stream and trailer, byte for byte (the decoder has checked their CRC-32 and size).</summary>
    private static void CopyFrom(IContent input, long offset, Stream output, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        stream.Position = offset;
        var buffer = new byte[1 << 16];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Write(buffer, 0, n);
        }
    }

    private static void Compress(IContent content, Stream output, CancellationToken cancellationToken)
    {
        var crc = 0u;
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var source = content.Open())
        {
            var buffer = new byte[1 << 16];
            int n;
            while ((n = source.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                deflate.Write(buffer, 0, n);
            }
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)content.Length);
        output.Write(trailer);
    }

    private static IEnumerable<Change> HeaderChanges(GzipHeader header)
    {
        var id = Normalizations.GzipHeader;
        if (header.Mtime != 0)
        {
            yield return new Change(id, "", "gzip mtime", Timestamps.Describe(header.Mtime), "0");
        }

        if (header.Os != 3)
        {
            yield return new Change(id, "", "gzip OS", header.Os.ToString(System.Globalization.CultureInfo.InvariantCulture), "3 (Unix)");
        }

        if (header.Name is not null)
        {
            yield return new Change(id, "", "gzip original name", Encoding.Latin1.GetString(header.Name), null);
        }

        if (header.Extra is not null)
        {
            yield return new Change(id, "", "gzip extra field", $"{header.Extra.Length} bytes", null);
        }

        if ((header.Flags & 2) != 0)
        {
            yield return new Change(id, "", "gzip header CRC", "present", null);
        }

        if (header.ExtraFlags != 0)
        {
            yield return new Change(id, "", "gzip extra flags", header.ExtraFlags.ToString(System.Globalization.CultureInfo.InvariantCulture), "0");
        }
    }
}
