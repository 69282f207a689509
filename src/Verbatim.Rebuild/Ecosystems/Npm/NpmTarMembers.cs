using System.Globalization;
using System.Text;

namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>One member of an npm tarball's tar: its blocks (a pax or GNU long-name header before it included) and the header fields a packer's generation shows.</summary>
/// <param name="Name">The member's path in the tar (<c>package/…</c>); a name, never used as a path.</param>
/// <param name="Start">Offset of its first block.</param>
/// <param name="Length">Bytes up to the next member.</param>
/// <param name="Header">Offset of its ustar header.</param>
/// <param name="Mtime">Its header's mtime (Unix seconds).</param>
/// <param name="OwnerEmpty">uid and gid fields all NUL (node-tar's portable mode, npm 5 and later); npm before 5 wrote the packer's ids.</param>
internal sealed record NpmTarMember(string Name, int Start, int Length, int Header, long Mtime, bool OwnerEmpty)
{
    /// <summary>The path relative to the package's root (what npm-packlist sorted): without the top directory.</summary>
    public string PackagePath => Name.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? Name[(slash + 1)..] : Name;
}

/// <summary>Reads the members of an npm tarball's tar block by block, and writes them again reordered or with other mtimes, the headers otherwise byte for byte.</summary>
internal static class NpmTarMembers
{
    /// <summary>The members and the offset of the end-of-archive blocks.</summary>
    /// <exception cref="InvalidDataException">Not a tar this reader follows.</exception>
    public static (List<NpmTarMember> Members, int End) Scan(byte[] tar)
    {
        var members = new List<NpmTarMember>();
        var at = 0;
        while (at + 512 <= tar.Length && tar.AsSpan(at, 512).ContainsAnyExcept((byte)0))
        {
            var start = at;
            string? longName = null;
            while (tar[at + 156] is (byte)'x' or (byte)'L')
            {
                var size = Size(tar, at);
                var data = tar.AsSpan(at + 512, (int)Math.Min(size, tar.Length - at - 512));
                longName = tar[at + 156] == (byte)'L' ? Encoding.UTF8.GetString(data).TrimEnd('\0') : PaxPath(data) ?? longName;
                at += 512 + Blocks(size);
                if (at + 512 > tar.Length)
                {
                    throw new InvalidDataException("a tar header runs past the end");
                }
            }

            var name = longName ?? UstarName(tar, at);
            var mtime = Octal(tar.AsSpan(at + 136, 12));
            var ownerEmpty = !tar.AsSpan(at + 108, 16).ContainsAnyExcept((byte)0);
            var end = at + 512 + Blocks(Size(tar, at));
            if (end > tar.Length)
            {
                throw new InvalidDataException($"{name}: its data runs past the end of the tar");
            }

            members.Add(new NpmTarMember(name, start, end - start, at, mtime, ownerEmpty));
            at = end;
        }

        return (members, at);
    }

    /// <summary>
    /// The tar with its members in <paramref name="order"/> and, where <paramref name="mtimes"/> names a member, that mtime
    /// (written as node-tar writes numbers, the checksum recomputed); the end-of-archive blocks as they were.
    /// </summary>
    public static byte[] Rewrite(byte[] tar, IReadOnlyList<NpmTarMember> order, int end, IReadOnlyDictionary<string, long>? mtimes)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(order);
        var output = new byte[tar.Length];
        var at = 0;
        foreach (var member in order)
        {
            tar.AsSpan(member.Start, member.Length).CopyTo(output.AsSpan(at));
            if (mtimes is not null && mtimes.TryGetValue(member.Name, out var mtime) && mtime != member.Mtime)
            {
                var header = at + member.Header - member.Start;
                Encoding.ASCII.GetBytes(NodeTarOctal(mtime, 12)).CopyTo(output.AsSpan(header + 136));
                output.AsSpan(header + 148, 8).Fill((byte)' ');
                var sum = 0;
                foreach (var b in output.AsSpan(header, 512))
                {
                    sum += b;
                }

                Encoding.ASCII.GetBytes(NodeTarOctal(sum, 8)).CopyTo(output.AsSpan(header + 148));
            }

            at += member.Length;
        }

        tar.AsSpan(end).CopyTo(output.AsSpan(at));
        return output;
    }

    /// <summary>node-tar's numeric field: octal, as many digits as fit before a NUL, else zero-padded to leave a space and a NUL.</summary>
    public static string NodeTarOctal(long value, int size)
    {
        var digits = Convert.ToString(value, 8);
        return digits.Length == size - 1 ? digits + "\0" : digits.PadLeft(size - 2, '0') + " \0";
    }

    private static long Size(byte[] tar, int header)
    {
        var size = Octal(tar.AsSpan(header + 124, 12));
        return size is >= 0 and <= int.MaxValue ? size : throw new InvalidDataException("a tar member size this reader does not follow");
    }

    private static int Blocks(long size) => (int)((size + 511) / 512 * 512);

    private static long Octal(ReadOnlySpan<byte> field)
    {
        var text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        if (text.Length == 0)
        {
            return 0;
        }

        try
        {
            return Convert.ToInt64(text, 8);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"not an octal tar number: '{text}'", e);
        }
    }

    private static string UstarName(byte[] tar, int header)
    {
        static string Field(byte[] tar, int offset, int length)
        {
            var span = tar.AsSpan(offset, length);
            var nul = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(nul < 0 ? span : span[..nul]);
        }

        var name = Field(tar, header, 100);
        var prefix = tar.AsSpan(header + 257, 6).SequenceEqual("ustar\0"u8) ? Field(tar, header + 345, 155) : "";
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }

    /// <summary>The <c>path</c> record of pax extended header data (<c>LEN path=VALUE\n</c> records, LEN in bytes).</summary>
    private static string? PaxPath(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < space + 2 || length > data.Length)
            {
                return null;
            }

            var record = data[(space + 1)..(length - 1)];
            if (record.StartsWith("path="u8))
            {
                return Encoding.UTF8.GetString(record[5..]);
            }

            data = data[length..];
        }

        return null;
    }
}
