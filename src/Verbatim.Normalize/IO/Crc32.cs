namespace Verbatim.Normalize.IO;

/// <summary>An incremental CRC-32 (IEEE 802.3, as in gzip, zip and PNG) over the shared implementation of the zip reader.</summary>
internal sealed class Crc32
{
    public uint Value { get; private set; }

    public static uint Of(ReadOnlySpan<byte> data) => Formats.Zip.Crc32.Compute(data);

    public void Append(ReadOnlySpan<byte> data) => Value = Formats.Zip.Crc32.Append(Value, data);
}
