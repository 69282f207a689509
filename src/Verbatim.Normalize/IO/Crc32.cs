namespace Verbatim.Normalize.IO;

/// <summary>An incremental CRC-32 (IEEE 802.3, as in gzip, zip and PNG), computed with slicing by 4.</summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = Build();

    private uint value = 0xFFFFFFFF;

    public uint Value => ~value;

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var c = value;
        var table = Table;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            c ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            c = table[768 + (c & 0xFF)] ^ table[512 + ((c >> 8) & 0xFF)] ^ table[256 + ((c >> 16) & 0xFF)] ^ table[c >> 24];
        }

        for (; i < data.Length; i++)
        {
            c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }

        value = c;
    }

    private static uint[] Build()
    {
        var table = new uint[1024];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var t = 1; t < 4; t++)
            {
                table[(t * 256) + n] = (table[((t - 1) * 256) + n] >> 8) ^ table[table[((t - 1) * 256) + n] & 0xFF];
            }
        }

        return table;
    }
}
