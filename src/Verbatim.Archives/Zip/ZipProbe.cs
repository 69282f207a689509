using Verbatim.Core.IO;
using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Archives.Zip;

/// <summary>
/// What recognising a zip-family input needs: whether it is a zip at all (by its magic, or a <c>#!</c> launcher
/// followed by a zip), its name's extension, the first entries of its head, and, read only when asked, its
/// central directory. Diff and normalize both recognise zips through it (see <see cref="ZipFlavors.Classify"/>).
/// </summary>
public sealed class ZipProbe
{
    private const int MaxLeadingEntries = 8;

    private readonly IContent content;
    private readonly Lock gate = new();
    private ZipDirectory? directory;
    private Exception? failure;
    private HashSet<string>? names;
    private ZipFlavor? flavor;

    /// <param name="content">The whole input.</param>
    /// <param name="name">The input's file or member name, a hint only.</param>
    /// <param name="head">The input's first bytes (up to 8 KiB).</param>
    public ZipProbe(IContent content, string name, ReadOnlySpan<byte> head)
    {
        this.content = content;
        Extension = Path.GetExtension(name).ToLowerInvariant();
        var first = MagicStart(head, content.Length);
        if (first is null && head.StartsWith("#!"u8) && content.Length > 22 && TryDirectory() is { Entries.Count: > 0 } appended)
        {
            // An executable jar or a self-extracting archive: a shell launcher with the zip appended.
            first = appended.FirstEntryStart;
        }

        IsZip = first is not null;
        LeadingEntries = first is { } start && start < head.Length ? ReadLeadingEntries(head[(int)start..]) : [];
    }

    public bool IsZip { get; }

    /// <summary>The input name's extension, lower-case with its dot (<c>.jar</c>), or empty.</summary>
    public string Extension { get; }

    /// <summary>The names and compression methods of the first entries whose local headers are in the input's head.</summary>
    public IReadOnlyList<(string Name, int Method)> LeadingEntries { get; }

    /// <summary>The entry names of the central directory (empty when it cannot be read).</summary>
    public IReadOnlySet<string> Names => names ??= TryDirectory()?.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>The member of the zip family this input is (decided once), or null when it is not a zip.</summary>
    public ZipFlavor? Flavor => IsZip ? flavor ??= ZipFlavors.Classify(this) : null;

    /// <summary>True when the start of <paramref name="head"/> is a zip signature (a launcher-prefixed zip needs the whole input).</summary>
    public static bool HasMagic(ReadOnlySpan<byte> head, long length) => MagicStart(head, length) is not null;

    /// <summary>The input's central directory, read once; throws (each time) when it cannot be read.</summary>
    public ZipDirectory Directory(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (directory is null && failure is null)
            {
                try
                {
                    using var stream = content.Open();
                    directory = ZipDirectoryReader.Read(stream, content.Length, cancellationToken);
                }
                catch (EndOfStreamException e)
                {
                    failure = new MalformedInputException("truncated central directory", e);
                }
                catch (Exception e) when (e is MalformedInputException or LimitExceededException or IOException)
                {
                    failure = e;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
                {
                    failure = new MalformedInputException($"unreadable central directory ({e.GetType().Name})", e);
                }
            }

            return directory ?? throw failure switch
            {
                LimitExceededException e => new LimitExceededException(e.Message),
                _ => new MalformedInputException(failure!.Message, failure),
            };
        }
    }

    private ZipDirectory? TryDirectory()
    {
        try
        {
            return Directory();
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException)
        {
            return null;
        }
    }

    private static long? MagicStart(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
        {
            return null;
        }

        return (head[2], head[3]) switch
        {
            (3, 4) => 0,
            (5, 6) when length >= 22 => 0,
            (7, 8) when head.Length >= 8 && head[4] == (byte)'P' && head[5] == (byte)'K' && head[6] == 3 && head[7] == 4 => 4,
            _ => null,
        };
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
