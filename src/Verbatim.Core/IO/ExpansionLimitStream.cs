namespace Verbatim.Core.IO;

/// <summary>
/// Passes a decompressed stream through and stops it with <see cref="LimitExceededException"/> once it yields more
/// than <paramref name="limit"/> bytes: the guard against decompression bombs.
/// </summary>
public sealed class ExpansionLimitStream(Stream inner, long limit, string message) : PassThroughReadStream(inner)
{
    /// <summary>A guard that allows 1 MiB, or <paramref name="maxRatio"/> times the compressed size when that is more.</summary>
    public static ExpansionLimitStream ForRatio(Stream decoder, long compressedLength, double maxRatio) =>
        new(decoder, (long)Math.Min(long.MaxValue / 2, Math.Max(1 << 20, maxRatio * Math.Max(1, compressedLength))),
            $"expands more than {maxRatio:0.#} times its {compressedLength} compressed bytes (--max-ratio): a decompression bomb?");

    protected override void OnRead(ReadOnlySpan<byte> data)
    {
        if (Count > limit)
        {
            throw new LimitExceededException(message);
        }
    }
}
