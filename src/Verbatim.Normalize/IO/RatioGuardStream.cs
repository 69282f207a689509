using System.Globalization;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.IO;

/// <summary>
/// Passes decompressed data through and stops it with <see cref="LimitExceededException"/> once, past
/// <paramref name="grace"/> bytes, it has expanded more than the ratio limit times the compressed bytes consumed so
/// far: a decompression bomb (10 GB of zeros in 10 MB) is refused after its first MiBs, not after it has expanded.
/// </summary>
internal sealed class RatioGuardStream(Stream decoded, Func<long> compressedConsumed, double maxRatio, long grace, string what) : PassThroughReadStream(decoded)
{
    protected override void OnRead(ReadOnlySpan<byte> data)
    {
        if (Count > grace && Count > maxRatio * Math.Max(1, compressedConsumed()))
        {
            throw new LimitExceededException(string.Create(CultureInfo.InvariantCulture,
                $"{what} expands more than {maxRatio} times its compressed size (the compression ratio limit): a decompression bomb?"));
        }
    }
}
