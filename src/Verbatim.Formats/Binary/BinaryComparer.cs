using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Binary;

/// <summary>
/// The last resort: streams both inputs and reports only the byte ranges that differ, as hex, with the likely
/// cause of each when one is recognisable (a Unix time, a hash, a path).
/// </summary>
public static class BinaryComparer
{
    /// <summary>How many differing ranges are listed before the rest are only counted.</summary>
    public const int MaxRanges = 32;

    /// <summary>Counting stops here; the report then says "at least".</summary>
    public const int MaxCountedRanges = 100_000;

    /// <summary>Runs of equal bytes up to this long do not split a differing range.</summary>
    private const int JoinGap = 8;

    private const int ChunkSize = 1 << 16;

    public static Difference Compare(Input left, Input right, ComparisonContext context)
    {
        var ranges = new List<HexRange>();
        var causes = new List<Cause>();
        var counted = 0;
        long runStart = -1;
        long lastDiff = -1;
        var common = Math.Min(left.Length, right.Length);

        using (var sa = left.Open())
        using (var sb = right.Open())
        {
            var ba = new byte[ChunkSize];
            var bb = new byte[ChunkSize];
            for (long offset = 0; offset < common && counted < MaxCountedRanges; offset += ChunkSize)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(ChunkSize, common - offset);
                sa.ReadExactly(ba, 0, n);
                sb.ReadExactly(bb, 0, n);
                var i = 0;
                while (i < n)
                {
                    i += ba.AsSpan(i, n - i).CommonPrefixLength(bb.AsSpan(i, n - i));
                    if (i >= n)
                    {
                        break;
                    }

                    var at = offset + i;
                    if (runStart >= 0 && at - lastDiff > JoinGap)
                    {
                        Close();
                    }

                    if (runStart < 0)
                    {
                        runStart = at;
                        counted++;
                    }

                    lastDiff = at;
                    i++;
                }
            }
        }

        if (runStart >= 0)
        {
            Close();
        }

        if (left.Length != right.Length)
        {
            counted++;
            if (ranges.Count < MaxRanges)
            {
                ranges.Add(new HexRange(common, left.Length - common, right.Length - common, Hex(left, common, left.Length - common), Hex(right, common, right.Length - common)));
            }
        }

        var comments = new List<string>();
        if (counted > ranges.Count)
        {
            var more = counted >= MaxCountedRanges ? "at least " : "";
            comments.Add($"{more}{counted} differing byte ranges; the first {ranges.Count} are shown");
        }

        if (left.Length != right.Length)
        {
            comments.Add($"sizes differ: {left.Length} and {right.Length} bytes");
        }

        if (!context.Report.TryCharge(ranges.Sum(r => r.Hex1.Length + r.Hex2.Length + 32)))
        {
            ranges.Clear();
            comments.Add("byte ranges left out: the report reached its size limit (--max-report-size)");
        }

        return new Difference
        {
            Path1 = left.Path,
            Path2 = right.Path,
            Kind = DifferenceKind.Binary,
            Format = "binary",
            HexRanges = ranges,
            Comments = comments,
            Causes = causes,
        };

        void Close()
        {
            var length = lastDiff - runStart + 1;
            if (ranges.Count < MaxRanges)
            {
                ranges.Add(new HexRange(runStart, length, length, Hex(left, runStart, length), Hex(right, runStart, length)));
                if (causes.Count < 4)
                {
                    var from = Math.Max(0, runStart - 32);
                    var count = (int)Math.Min(length + 64, 512);
                    ContentCauses.Merge(causes, ContentCauses.ClassifyBytes(Read(left, from, count), Read(right, from, count), (int)(runStart - from), (int)Math.Min(length, 512), from));
                }
            }

            runStart = -1;
        }
    }

    private static string Hex(Input input, long from, long length) =>
        Convert.ToHexStringLower(Read(input, from, (int)Math.Min(HexRange.MaxShownBytes, length)));

    private static byte[] Read(Input input, long from, int count)
    {
        var buffer = new byte[Math.Max(0, count)];
        using var stream = input.Open();
        stream.Position = from;
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer;
    }
}
