using System.Buffers.Binary;
using Verbatim.Core.Model;

namespace Verbatim.Core.Causes;

/// <summary>
/// Causes found in a differing byte run with no format around it that says what the bytes mean. Four or eight bytes
/// read as a plausible time on both sides are only a candidate (any code, table or compressed data does that by
/// chance): it is kept <see cref="Cause.Unconfirmed"/> until <see cref="CauseEvidence"/> finds the same clock
/// difference elsewhere in the pair. Readable strings covering the whole run are classified as text.
/// </summary>
public static class ByteCauses
{
    /// <summary>
    /// <paramref name="left"/> and <paramref name="right"/> hold the run with up to 32 bytes of context either side;
    /// the run starts at <paramref name="runOffset"/> in them and is <paramref name="runLength"/> long;
    /// <paramref name="alignedOffset"/> is where the window starts in its file, for judging alignment.
    /// </summary>
    public static IReadOnlyList<Cause> Classify(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int runOffset, int runLength, long alignedOffset = 0)
    {
        if (LooksRandom(left) || LooksRandom(right))
        {
            return [];
        }

        if (runLength <= 8 && left.Length == right.Length && TimeCandidate(left, right, runOffset, runLength, alignedOffset) is { } time)
        {
            return [time];
        }

        var l = Printable(left);
        var r = Printable(right);
        var end = Math.Min(runOffset + runLength, Math.Min(l.Length, r.Length));
        for (var i = runOffset; i < end; i++)
        {
            if (l[i] == ' ' && left[i] != ' ' || r[i] == ' ' && right[i] != ' ')
            {
                // Part of the change is not readable text: what changed is not (only) a string.
                return [];
            }
        }

        return ContentCauses.Classify(l, r);
    }

    private static Cause? TimeCandidate(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int runOffset, int runLength, long alignedOffset)
    {
        // Windows that cover the run; aligned ones first, as time fields in structures usually are. Two times a build
        // apart differ in their least significant byte: the run must start at a little-endian window's first byte or
        // end at a big-endian window's last byte.
        var windows = new List<(int Start, int Size)>();
        foreach (var size in (ReadOnlySpan<int>)[4, 8])
        {
            for (var start = runOffset + runLength - size; start <= runOffset; start++)
            {
                if (start >= 0 && start + size <= left.Length)
                {
                    windows.Add((start, size));
                }
            }
        }

        foreach (var (start, size) in windows.OrderBy(w => (alignedOffset + w.Start) % w.Size == 0 ? 0 : 1))
        {
            foreach (var bigEndian in (ReadOnlySpan<bool>)[false, true])
            {
                if (bigEndian ? start + size != runOffset + runLength : start != runOffset)
                {
                    continue;
                }

                var l = Read(left.Slice(start, size), bigEndian);
                var r = Read(right.Slice(start, size), bigEndian);
                if (l != r && Timestamps.IsPlausible(l) && Timestamps.IsPlausible(r) && Math.Abs(l - r) < 20L * 365 * 86400)
                {
                    return new Cause(CauseKind.Timestamp, "a binary Unix time differs, by as much as a clock reading elsewhere in the pair", Timestamps.Describe(l), Timestamps.Describe(r))
                    {
                        Seconds = (l, r),
                        Unconfirmed = true,
                    };
                }
            }
        }

        return null;

        static long Read(ReadOnlySpan<byte> b, bool bigEndian) => b.Length == 4
            ? bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b)
            : bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b);
    }

    /// <summary>
    /// Whether bytes look like compressed or encrypted data, where any 4 bytes may pass for a time: structures that hold
    /// times have zeros and repeated bytes around them, random data has mostly distinct ones.
    /// </summary>
    private static bool LooksRandom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 32)
        {
            return false;
        }

        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        foreach (var b in bytes)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        return distinct > bytes.Length * 3 / 4;
    }

    /// <summary>The readable strings in bytes, like <c>strings -n 4</c>: shorter printable runs are noise in binary data.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        const int minimum = 4;
        var chars = new char[bytes.Length];
        var run = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] is >= 0x20 and < 0x7f)
            {
                chars[i] = (char)bytes[i];
                run++;
                continue;
            }

            if (run < minimum)
            {
                chars.AsSpan(i - run, run).Fill(' ');
            }

            if (i < bytes.Length)
            {
                chars[i] = ' ';
            }

            run = 0;
        }

        return new string(chars);
    }
}
