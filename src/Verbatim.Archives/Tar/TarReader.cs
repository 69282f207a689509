using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>
/// Reads the headers of a tar archive one member at a time from a stream, applying pax extended headers (local and
/// global) and GNU long names to the member they precede. On a seekable stream member data is skipped by seeking
/// (callers take it as a slice of the archive); on a forward-only stream (a decompressed tar) it is skipped by
/// reading, and <see cref="OpenData"/> reads the current member's data.
/// </summary>
/// <remarks>
/// Our own reader rather than System.Formats.Tar: we need the raw header values (exact octal fields, the header
/// format of each member, every pax record, the GNU atime/ctime fields), strict validation of checksums and sizes
/// against the real length, and member data as slices of the archive with no copy; TarReader of the BCL normalises
/// headers and copies data of unseekable streams.
/// </remarks>
public sealed class TarReader
{
    private const int Block = 512;
    private const int MaxMetadataBytes = 1 << 20;

    private readonly Stream stream;
    private readonly long? length;
    private readonly byte[] header = new byte[Block];
    private readonly Dictionary<string, byte[]> global = new(StringComparer.Ordinal);
    private long position;
    private long nextHeader;

    public TarReader(Stream stream)
    {
        this.stream = stream;
        length = stream.CanSeek ? stream.Length : null;
    }

    /// <summary>The members in archive order; the sequence ends at the end-of-archive blocks or the end of the stream.</summary>
    public IEnumerable<TarEntry> Entries(CancellationToken cancellationToken = default)
    {
        Dictionary<string, byte[]>? pax = null;
        byte[]? longName = null, longLink = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SkipTo(nextHeader);
            var offset = position;
            var read = ReadUpTo(header);
            if (read == 0 || (read == Block && !header.AsSpan().ContainsAnyExcept((byte)0)))
            {
                if (pax is not null || longName is not null || longLink is not null)
                {
                    throw new MalformedInputException("truncated: an extended header is not followed by its member");
                }

                yield break;
            }

            if (read < Block)
            {
                throw new MalformedInputException($"truncated: a tar header at offset {offset} is cut short");
            }

            if (!TarNumbers.ChecksumMatches(header))
            {
                throw new MalformedInputException($"bad tar header checksum at offset {offset}");
            }

            var type = header[156];
            var size = pax is not null && pax.TryGetValue("size", out var paxSize) && type is not (byte)'x' and not (byte)'g'
                ? TarEntryBuilder.Decimal(paxSize, "size")
                : TarNumbers.Parse(header.AsSpan(124, 12), "size");
            var dataOffset = offset + Block;
            if (size < 0 || size > long.MaxValue - dataOffset - Block)
            {
                throw new MalformedInputException($"absurd member size {size} at offset {offset}");
            }

            if (length is { } total && size > total - dataOffset)
            {
                throw new MalformedInputException($"truncated: the member at offset {offset} has {size} bytes but only {Math.Max(0, total - dataOffset)} remain");
            }

            nextHeader = dataOffset + ((size + Block - 1) & ~(long)(Block - 1));
            switch (type)
            {
                case (byte)'x':
                    pax ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
                    foreach (var (key, value) in PaxRecords.Parse(ReadMetadata(size, "pax extended header")))
                    {
                        pax[key] = value;
                    }

                    continue;
                case (byte)'g':
                    foreach (var (key, value) in PaxRecords.Parse(ReadMetadata(size, "pax global header")))
                    {
                        global[key] = value;
                    }

                    continue;
                case (byte)'L':
                    longName = TrimNul(ReadMetadata(size, "GNU long name"));
                    continue;
                case (byte)'K':
                    longLink = TrimNul(ReadMetadata(size, "GNU long link name"));
                    continue;
            }

            var records = Merge(pax);
            var entry = TarEntryBuilder.Build(header, records, pax is not null, longName, longLink, dataOffset, size);
            pax = null;
            longName = longLink = null;
            yield return entry;
        }
    }

    /// <summary>The data of the member just yielded, read forward; valid until the next member is requested.</summary>
    public Stream OpenData(TarEntry entry)
    {
        SkipTo(entry.DataOffset);
        return new TarDataStream(this, entry.Size);
    }

    internal int ReadData(Span<byte> buffer)
    {
        var n = stream.Read(buffer);
        position += n;
        return n;
    }

    private Dictionary<string, byte[]> Merge(Dictionary<string, byte[]>? local)
    {
        if (global.Count == 0)
        {
            return local ?? new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        var merged = new Dictionary<string, byte[]>(global, StringComparer.Ordinal);
        foreach (var (key, value) in local ?? [])
        {
            merged[key] = value;
        }

        return merged;
    }

    private byte[] ReadMetadata(long size, string what)
    {
        if (size > MaxMetadataBytes)
        {
            throw new MalformedInputException($"absurd {what} of {size} bytes");
        }

        var data = new byte[size];
        if (ReadUpTo(data) < size)
        {
            throw new MalformedInputException($"truncated: {what}");
        }

        return data;
    }

    private static byte[] TrimNul(byte[] data)
    {
        var end = data.AsSpan().IndexOf((byte)0);
        return end < 0 ? data : data[..end];
    }

    private int ReadUpTo(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = ReadData(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private void SkipTo(long target)
    {
        if (position == target)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Position = target;
            position = target;
            return;
        }

        if (target < position)
        {
            throw new InvalidOperationException("a forward-only tar cannot go back");
        }

        var scratch = new byte[(int)Math.Min(1 << 16, target - position)];
        while (position < target)
        {
            if (ReadData(scratch.AsSpan(0, (int)Math.Min(scratch.Length, target - position))) == 0)
            {
                throw new MalformedInputException("truncated: member data runs past the end of the archive");
            }
        }
    }
}
