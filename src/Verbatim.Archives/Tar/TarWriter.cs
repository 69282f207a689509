using System.Globalization;
using System.Text;

namespace Verbatim.Archives.Tar;

/// <summary>
/// Writes canonical tar archives: POSIX ustar headers, a pax extended header only when a name (over 100 bytes: no
/// ustar prefix split, which readers treat differently), link name, size, mtime, owner id or owner name does not fit
/// (or other pax records are given), two zero blocks at the end and the archive padded to a whole 10240-byte record,
/// as GNU tar does.
/// </summary>
public sealed class TarWriter(Stream output)
{
    private const int Block = 512;
    private const int Record = 10240;
    private const long MaxOctal11 = 0x1FFFFFFFF; // 8^11 - 1
    private const long MaxOctal7 = 0x1FFFFF; // 8^7 - 1
    private const int OwnerNameBytes = 32;

    private readonly byte[] buffer = new byte[1 << 16];
    private long written;

    public void Write(TarItem item, CancellationToken cancellationToken)
    {
        var records = new List<KeyValuePair<string, byte[]>>();
        var split = SplitName(item.Name);
        if (split is null)
        {
            records.Add(new("path", item.Name));
        }

        if (item.LinkName.Length > 100)
        {
            records.Add(new("linkpath", item.LinkName));
        }

        var size = item.Data.Length;
        if (size > MaxOctal11)
        {
            records.Add(new("size", Encoding.ASCII.GetBytes(size.ToString(CultureInfo.InvariantCulture))));
        }

        if (item.Mtime is < 0 or > MaxOctal11)
        {
            records.Add(new("mtime", Encoding.ASCII.GetBytes(item.Mtime.ToString(CultureInfo.InvariantCulture))));
        }

        AddOwner(records, "uid", item.Uid, "uname", item.Uname);
        AddOwner(records, "gid", item.Gid, "gname", item.Gname);
        records.AddRange(item.Pax);
        if (records.Count > 0)
        {
            var data = PaxData(records.OrderBy(r => r.Key, StringComparer.Ordinal));
            var paxName = Encoding.UTF8.GetBytes("PaxHeaders/").Concat(BaseName(item.Name).Take(88)).ToArray();
            WriteHeader(new Header(paxName, [], (byte)'x', 420, Math.Clamp(item.Mtime, 0, MaxOctal11), data.Length, []));
            WriteData(new MemoryStream(data), data.Length, cancellationToken);
        }

        var (prefix, name) = split ?? ([], item.Name.Take(100).ToArray());
        WriteHeader(new Header(name, prefix, item.TypeFlag, item.Mode, Math.Clamp(item.Mtime, 0, MaxOctal11), size > MaxOctal11 ? 0 : size, item.LinkName.Length > 100 ? item.LinkName[..100] : item.LinkName)
        {
            Uid = Math.Clamp(item.Uid, 0, MaxOctal7),
            Gid = Math.Clamp(item.Gid, 0, MaxOctal7),
            Uname = item.Uname.Length <= OwnerNameBytes ? item.Uname : [],
            Gname = item.Gname.Length <= OwnerNameBytes ? item.Gname : [],
            DevMajor = item.DevMajor,
            DevMinor = item.DevMinor,
        });
        using var source = item.Data.Open();
        WriteData(source, size, cancellationToken);
    }

    /// <summary>Writes the end-of-archive blocks and pads to a whole record.</summary>
    public void Finish()
    {
        var end = written + (2 * Block);
        var padded = (end + Record - 1) / Record * Record;
        output.Write(new byte[padded - written]);
        written = padded;
    }

    private static void AddOwner(List<KeyValuePair<string, byte[]>> records, string idKey, long id, string nameKey, byte[] name)
    {
        if (id is < 0 or > MaxOctal7)
        {
            records.Add(new(idKey, Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture))));
        }

        if (name.Length > OwnerNameBytes)
        {
            records.Add(new(nameKey, name));
        }
    }

    private void WriteHeader(Header header)
    {
        if (header.Mode is < 0 or > MaxOctal7)
        {
            throw new InvalidOperationException($"mode {header.Mode} does not fit in a tar header");
        }

        var h = new byte[Block];
        header.Name.CopyTo(h, 0);
        Octal(h, 100, 8, header.Mode);
        Octal(h, 108, 8, header.Uid);
        Octal(h, 116, 8, header.Gid);
        Octal(h, 124, 12, header.Size);
        Octal(h, 136, 12, header.Mtime);
        h.AsSpan(148, 8).Fill((byte)' ');
        h[156] = header.Type;
        header.Link.CopyTo(h, 157);
        "ustar\000"u8.CopyTo(h.AsSpan(257));
        header.Uname.CopyTo(h, 265);
        header.Gname.CopyTo(h, 297);
        if (header.Type is (byte)'3' or (byte)'4')
        {
            Octal(h, 329, 8, header.DevMajor);
            Octal(h, 337, 8, header.DevMinor);
        }

        header.Prefix.CopyTo(h, 345);
        var sum = 0;
        foreach (var b in h)
        {
            sum += b;
        }

        Octal(h, 148, 7, sum);
        h[155] = (byte)' ';
        output.Write(h);
        written += Block;
    }

    private void WriteData(Stream source, long size, CancellationToken cancellationToken)
    {
        for (var remaining = size; remaining > 0;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (n == 0)
            {
                throw new EndOfStreamException("member data ended early");
            }

            output.Write(buffer, 0, n);
            remaining -= n;
        }

        var pad = (int)((Block - (size % Block)) % Block);
        output.Write(new byte[pad]);
        written += size + pad;
    }

    /// <summary>The name for the ustar name field (no prefix split: readers disagree on it), or null when it needs a pax path record.</summary>
    private static (byte[] Prefix, byte[] Name)? SplitName(byte[] name) => name.Length <= 100 ? ([], name) : null;

    private static IEnumerable<byte> BaseName(byte[] name)
    {
        var trimmed = name.AsSpan().TrimEnd((byte)'/');
        var slash = trimmed.LastIndexOf((byte)'/');
        return trimmed[(slash + 1)..].ToArray();
    }

    private static byte[] PaxData(IEnumerable<KeyValuePair<string, byte[]>> records)
    {
        var data = new MemoryStream();
        foreach (var (key, value) in records)
        {
            var body = Encoding.UTF8.GetBytes(" " + key + "=").Concat(value).Append((byte)'\n').ToArray();
            var length = body.Length + 1;
            while ((length.ToString(CultureInfo.InvariantCulture).Length + body.Length) != length)
            {
                length++;
            }

            data.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture)));
            data.Write(body);
        }

        return data.ToArray();
    }

    private static void Octal(byte[] header, int at, int width, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        if (text.Length > width - 1)
        {
            throw new InvalidOperationException($"{value} does not fit in a {width}-byte tar field");
        }

        Encoding.ASCII.GetBytes(text).CopyTo(header, at);
    }

    private sealed record Header(byte[] Name, byte[] Prefix, byte Type, long Mode, long Mtime, long Size, byte[] Link)
    {
        public long Uid { get; init; }

        public long Gid { get; init; }

        public byte[] Uname { get; init; } = [];

        public byte[] Gname { get; init; } = [];

        public long DevMajor { get; init; }

        public long DevMinor { get; init; }
    }
}
