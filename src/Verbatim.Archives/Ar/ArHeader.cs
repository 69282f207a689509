using System.Globalization;
using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Archives.Ar;

/// <summary>
/// A member header of an ar archive being written: the 60 bytes as read, with the numeric fields (mtime, uid, gid,
/// octal mode, size) replaced one by one, each left-aligned and padded with spaces. The name field is kept as it is.
/// </summary>
public sealed class ArHeader
{
    private readonly byte[] bytes;

    /// <summary>Reads the header of <paramref name="entry"/> from <paramref name="archive"/>.</summary>
    public ArHeader(Stream archive, ArEntry entry)
    {
        bytes = new byte[ArReader.HeaderSize];
        archive.Position = entry.HeaderOffset;
        archive.ReadExactly(bytes);
    }

    public long Mtime
    {
        set => Field(16, 12, value.ToString(CultureInfo.InvariantCulture));
    }

    public long Uid
    {
        set => Field(28, 6, value.ToString(CultureInfo.InvariantCulture));
    }

    public long Gid
    {
        set => Field(34, 6, value.ToString(CultureInfo.InvariantCulture));
    }

    public long Mode
    {
        set => Field(40, 8, Convert.ToString(value, 8));
    }

    /// <summary>The size of the member's data, including a BSD name stored in front of it.</summary>
    public long Size
    {
        set => Field(48, 10, value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteTo(Stream output) => output.Write(bytes);

    private void Field(int at, int width, string value)
    {
        if (value.Length > width)
        {
            throw new MalformedInputException($"the value {value} does not fit in an ar header field of {width} bytes");
        }

        Encoding.ASCII.GetBytes(value.PadRight(width)).CopyTo(bytes, at);
    }
}
