using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// Compares two compressed files of one format: their header fields, then their decompressed contents, recursively.
/// When the contents are identical, the compressor's settings and the compressed bytes are reported as ONE
/// "compressed stream" difference with a compression cause, and header fields that mean something else (a timestamp,
/// a file name) as their own differences.
/// </summary>
public static class CompressedComparer
{
    public const string StreamField = "compressed stream";

    public static async Task<IReadOnlyList<Difference>> CompareAsync(CompressedFormat format, Input left, Input right, ComparisonContext context)
    {
        var token = context.CancellationToken;
        var headerLeft = format.ReadHeader(left, token);
        var headerRight = format.ReadHeader(right, token);

        // The same compressed bytes hold the same content: nothing to decompress, whatever it would expand to.
        if (BodiesEqual(left, right, headerLeft, headerRight, token))
        {
            return SameContent(left, right, Changed(headerLeft.Fields, headerRight.Fields), bodiesEqual: true);
        }

        // Decompress both side by side and compare as they go: identical contents need no spool at all.
        var (equal, streamedLeft, streamedRight) = StreamsEqual(format, left, right, context);
        if (equal)
        {
            return SameContent(left, right, Changed([.. headerLeft.Fields, .. streamedLeft], [.. headerRight.Fields, .. streamedRight]), bodiesEqual: false);
        }

        var (spoolLeft, afterLeft) = Decompress(format, left, context);
        using var l = spoolLeft;
        var (spoolRight, afterRight) = Decompress(format, right, context);
        using var r = spoolRight;

        var changed = Changed([.. headerLeft.Fields, .. afterLeft], [.. headerRight.Fields, .. afterRight]);
        if (ContentEquality.AreEqual(spoolLeft, spoolRight, token))
        {
            return SameContent(left, right, changed, bodiesEqual: false);
        }

        var differences = new List<Difference>();
        // The contents differ: sizes, block counts and the like follow them, so no field gets a compression cause.
        differences.AddRange(FieldCauses.WhenContentChanged([.. changed.Select(c => FieldDifference(left, right, c.Left, c.Right))]));
        var inner = await context.CompareAsync(
            left.Member(CompressedNames.Inner(left.Name), spoolLeft),
            right.Member(CompressedNames.Inner(right.Name), spoolRight)).ConfigureAwait(false);
        if (inner is not null)
        {
            differences.Add(inner);
        }

        return differences;
    }

    /// <summary>The differences of two compressed inputs whose contents are the same: their fields, and how they were compressed.</summary>
    private static List<Difference> SameContent(Input left, Input right, List<(HeaderField Left, HeaderField Right)> changed, bool bodiesEqual)
    {
        var differences = new List<Difference>();
        differences.AddRange(changed.Where(c => !c.Left.IsCompressionSetting).Select(c => FieldDifference(left, right, c.Left, c.Right)));
        var settings = changed.Where(c => c.Left.IsCompressionSetting).ToList();
        if (settings.Count > 0 || differences.Count == 0 || !bodiesEqual)
        {
            differences.Add(StreamDifference(left, right, settings));
        }

        return differences;
    }

    /// <summary>
    /// Whether the two decompressed contents are equal, decoding both in step without keeping them. This costs time,
    /// not memory or disk, and is bounded by the compression ratio limit, so it is not charged to the run's expansion.
    /// </summary>
    private static (bool Equal, List<HeaderField> AfterLeft, List<HeaderField> AfterRight) StreamsEqual(CompressedFormat format, Input left, Input right, ComparisonContext context)
    {
        using var decoderLeft = format.OpenDecoder(left.Open());
        using var guardLeft = ExpansionLimitStream.ForRatio(decoderLeft, left.Length, context.Options.MaxCompressionRatio);
        using var decoderRight = format.OpenDecoder(right.Open());
        using var guardRight = ExpansionLimitStream.ForRatio(decoderRight, right.Length, context.Options.MaxCompressionRatio);
        var bufferLeft = new byte[1 << 16];
        var bufferRight = new byte[1 << 16];
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var n = guardLeft.ReadAtLeast(bufferLeft, bufferLeft.Length, throwOnEndOfStream: false);
            var m = guardRight.ReadAtLeast(bufferRight, bufferRight.Length, throwOnEndOfStream: false);
            if (n != m || !bufferLeft.AsSpan(0, n).SequenceEqual(bufferRight.AsSpan(0, m)))
            {
                return (false, [], []);
            }

            if (n == 0)
            {
                return (true, format.FieldsAfterDecoding(decoderLeft).ToList(), format.FieldsAfterDecoding(decoderRight).ToList());
            }
        }
    }

    private static (Spool Spool, List<HeaderField> After) Decompress(CompressedFormat format, Input input, ComparisonContext context)
    {
        using var decoder = format.OpenDecoder(input.Open());
        using var guard = ExpansionLimitStream.ForRatio(decoder, input.Length, context.Options.MaxCompressionRatio);
        var spool = context.SpoolFrom(guard);
        return (spool, format.FieldsAfterDecoding(decoder).ToList());
    }

    /// <summary>Pairs of fields whose values differ, in the first side's order; a field on one side only is shown as "(none)".</summary>
    private static List<(HeaderField Left, HeaderField Right)> Changed(IReadOnlyList<HeaderField> left, IReadOnlyList<HeaderField> right)
    {
        var changed = new List<(HeaderField, HeaderField)>();
        var rightByName = right.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var leftNames = left.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var l in left)
        {
            var r = rightByName.GetValueOrDefault(l.Name) ?? l with { Value = "(none)" };
            if (!string.Equals(l.Value, r.Value, StringComparison.Ordinal))
            {
                changed.Add((l, r));
            }
        }

        changed.AddRange(right.Where(r => !leftNames.Contains(r.Name)).Select(r => (r with { Value = "(none)" }, r)));
        return changed;
    }

    private static Difference FieldDifference(Input left, Input right, HeaderField l, HeaderField r)
    {
        var kind = l.Cause ?? r.Cause;
        var explanation = l.Explanation ?? r.Explanation;
        Cause[] causes = kind is not { } k
            ? [.. ContentCauses.Classify(l.Value, r.Value)]
            : [explanation is null ? FieldCauses.For(k, l.Name, l.Value, r.Value) : new Cause(k, explanation, l.Value, r.Value)];
        return Difference.ForField(left.Path, right.Path, l.Name, l.Value, r.Value, causes);
    }

    private static Difference StreamDifference(Input left, Input right, List<(HeaderField Left, HeaderField Right)> settings)
    {
        var explanation = "same content, compressed differently (another compressor version or settings)";
        foreach (var extra in settings.Select(s => s.Left.Explanation).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            explanation += "; " + extra;
        }

        var describedLeft = Describe(settings.Select(s => s.Left));
        var describedRight = Describe(settings.Select(s => s.Right));
        var cause = new Cause(CauseKind.Compression, explanation, settings.Count == 0 ? null : describedLeft, settings.Count == 0 ? null : describedRight);
        return Difference.ForField(
            left.Path,
            right.Path,
            StreamField,
            $"{left.Length} bytes" + (settings.Count == 0 ? "" : ", " + describedLeft),
            $"{right.Length} bytes" + (settings.Count == 0 ? "" : ", " + describedRight),
            cause);

        static string Describe(IEnumerable<HeaderField> fields) => string.Join(", ", fields.Select(f => $"{f.Name} {f.Value}"));
    }

    private static bool BodiesEqual(Input left, Input right, CompressedHeader headerLeft, CompressedHeader headerRight, CancellationToken token)
    {
        var lengthLeft = left.Length - headerLeft.Length;
        var lengthRight = right.Length - headerRight.Length;
        return lengthLeft == lengthRight && lengthLeft >= 0 &&
               ContentEquality.AreEqual(new SliceContent(left.Content, headerLeft.Length, lengthLeft), new SliceContent(right.Content, headerRight.Length, lengthRight), token);
    }
}
