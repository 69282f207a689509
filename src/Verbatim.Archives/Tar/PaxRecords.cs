using System.Text;
using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>
/// Parses the records of a pax extended header (<c>"%d %s=%s\n"</c>, the length counting the whole record).
/// A record whose length is not a number, runs past the header's data or does not end with a newline is malformed.
/// </summary>
internal static class PaxRecords
{
    public static List<KeyValuePair<string, byte[]>> Parse(ReadOnlySpan<byte> data)
    {
        var records = new List<KeyValuePair<string, byte[]>>();
        var pos = 0;
        while (pos < data.Length)
        {
            if (data[pos..].IndexOfAnyExcept((byte)0) < 0)
            {
                break;
            }

            var space = data[pos..].IndexOf((byte)' ');
            if (space is <= 0 or > 19)
            {
                throw new MalformedInputException("pax record with a bad length");
            }

            long length = 0;
            foreach (var b in data.Slice(pos, space))
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    throw new MalformedInputException("pax record with a bad length");
                }

                length = (length * 10) + (b - '0');
            }

            if (length <= space + 1 || length > data.Length - pos || data[pos + (int)length - 1] != (byte)'\n')
            {
                throw new MalformedInputException("pax record with a bad length");
            }

            var record = data.Slice(pos + space + 1, (int)length - space - 2);
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw new MalformedInputException("pax record without a key");
            }

            records.Add(new(Encoding.UTF8.GetString(record[..equals]), record[(equals + 1)..].ToArray()));
            pos += (int)length;
        }

        return records;
    }
}
