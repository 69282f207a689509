using System.Runtime.CompilerServices;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;
using static Verbatim.Formats.Zip.ZipDirectoryReader;

namespace Verbatim.Formats.Zip;

/// <summary>
/// What recognising a zip-family input needs: whether it is a zip at all (by its magic, or a <c>#!</c> launcher
/// followed by a zip), its name's extension, the first entries of its head, and, read only when a format asks,
/// the names in its central directory. One probe per input, cached while the input lives.
/// </summary>
public sealed class ZipProbe
{
    private const int MaxLeadingEntries = 8;
    private const int MaxProbedNames = 200_000;

    private static readonly ConditionalWeakTable<Input, ZipProbe> Cache = [];
    private readonly Input input;
    private HashSet<string>? names;

    private ZipProbe(Input input, bool isZip)
    {
        this.input = input;
        IsZip = isZip;
        Extension = Path.GetExtension(input.Name).ToLowerInvariant();
        LeadingEntries = isZip ? ReadLeadingEntries(input.Head) : [];
    }

    public bool IsZip { get; }

    /// <summary>The input name's extension, lower-case with its dot (<c>.jar</c>), or empty.</summary>
    public string Extension { get; }

    /// <summary>The names and compression methods of the first entries whose local headers are in the input's head.</summary>
    public IReadOnlyList<(string Name, int Method)> LeadingEntries { get; }

    /// <summary>The family format this input belongs to, once <see cref="ZipFamily.Classify"/> has decided.</summary>
    internal string? Kind { get; set; }

    /// <summary>The entry names of the central directory (empty when it cannot be read).</summary>
    public IReadOnlySet<string> Names => names ??= ReadNames();

    public static ZipProbe Of(Input input) => Cache.GetValue(input, i => new ZipProbe(i, IsZipMagic(i)));

    private static bool IsZipMagic(Input input)
    {
        var head = input.Head;
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K')
        {
            return (head[2], head[3]) switch
            {
                (3, 4) => true,
                (5, 6) => input.Length >= 22,
                (7, 8) => head.Length >= 8 && head[4] == (byte)'P' && head[5] == (byte)'K' && head[6] == 3 && head[7] == 4,
                _ => false,
            };
        }

        // An executable jar or a self-extracting archive: a shell launcher with the zip appended.
        return head.StartsWith("#!"u8) && input.Length > 22 && TryRead(input) is { Entries.Count: > 0 };
    }

    private static ZipDirectory? TryRead(Input input)
    {
        try
        {
            using var stream = input.Open();
            return ZipDirectoryReader.Read(stream, input.Length);
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or IOException)
        {
            return null;
        }
    }

    private HashSet<string> ReadNames()
    {
        var directory = TryRead(input);
        if (directory is null || directory.Entries.Count > MaxProbedNames)
        {
            return [];
        }

        return directory.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static List<(string, int)> ReadLeadingEntries(ReadOnlySpan<byte> head)
    {
        var entries = new List<(string, int)>();
        long at = 0;
        while (entries.Count < MaxLeadingEntries && at + LocalSize <= head.Length && U32(head, (int)at) == LocalSignature)
        {
            var local = head[(int)at..];
            int nameLength = U16(local, 26), extraLength = U16(local, 28);
            if (LocalSize + nameLength > local.Length)
            {
                break;
            }

            var flags = U16(local, 6);
            entries.Add((ZipText.Name(local.Slice(LocalSize, nameLength), (flags & 0x800) != 0, out _), U16(local, 8)));
            if ((flags & 8) != 0)
            {
                break;
            }

            at += LocalSize + nameLength + extraLength + U32(local, 18);
        }

        return entries;
    }
}
