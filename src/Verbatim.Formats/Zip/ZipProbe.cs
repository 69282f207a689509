using System.Runtime.CompilerServices;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;
using static Verbatim.Formats.Zip.ZipBytes;
using static Verbatim.Formats.Zip.ZipDirectoryReader;

namespace Verbatim.Formats.Zip;

/// <summary>
/// What recognising a zip-family input needs: whether it is a zip at all (by its magic, or a <c>#!</c> launcher
/// followed by a zip), its name's extension, the first entries of its head, and, read only when asked, its
/// central directory. One probe per input, cached while the input lives, so the directory is read once for both
/// recognition and comparison.
/// </summary>
public sealed class ZipProbe
{
    private const int MaxLeadingEntries = 8;

    private static readonly ConditionalWeakTable<Input, ZipProbe> Cache = [];
    private readonly Input input;
    private readonly Lock gate = new();
    private ZipDirectory? directory;
    private Exception? failure;
    private HashSet<string>? names;

    private ZipProbe(Input input)
    {
        this.input = input;
        Extension = Path.GetExtension(input.Name).ToLowerInvariant();
        var head = input.Head;
        var first = MagicStart(head, input.Length);
        if (first is null && head.StartsWith("#!"u8) && input.Length > 22 && TryDirectory() is { Entries.Count: > 0 } appended)
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

    /// <summary>The family format this input belongs to, once <see cref="ZipFamily.Classify"/> has decided.</summary>
    internal string? Kind { get; set; }

    /// <summary>The entry names of the central directory (empty when it cannot be read).</summary>
    public IReadOnlySet<string> Names => names ??= TryDirectory()?.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal) ?? [];

    public static ZipProbe Of(Input input) => Cache.GetValue(input, i => new ZipProbe(i));

    /// <summary>The input's central directory, read once; throws (each time) when it cannot be read.</summary>
    public ZipDirectory Directory(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (directory is null && failure is null)
            {
                try
                {
                    using var stream = input.Open();
                    directory = ZipDirectoryReader.Read(stream, input.Length, cancellationToken);
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
