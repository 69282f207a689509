using System.IO.Compression;

namespace Verbatim.Rebuild.Ecosystems.Shared;

/// <summary>What a zip-based package (wheel, nupkg) reveals: the time its entries carry and the text of one member, read without extracting.</summary>
internal static class ZipTimes
{
    /// <summary>The newest entry time (DOS times have no zone: read as UTC), or null when there is none or it is not a zip.</summary>
    public static long? NewestEntry(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Count == 0 ? null : zip.Entries.Max(e => new DateTimeOffset(e.LastWriteTime.DateTime, TimeSpan.Zero).ToUnixTimeSeconds());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The text of the first entry whose name ends with <paramref name="suffix"/> (at most 1 MiB), or null.</summary>
    public static (string Name, string Text)? Member(string path, Func<string, bool> match)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => match(e.FullName));
            if (entry is null || entry.Length > 1 << 20)
            {
                return null;
            }

            using var reader = new StreamReader(entry.Open());
            return (entry.FullName, reader.ReadToEnd());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The bytes of the first entry matching, at most <paramref name="max"/> bytes, or null.</summary>
    public static byte[]? Bytes(string path, Func<string, bool> match, long max)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => match(e.FullName));
            if (entry is null || entry.Length > max)
            {
                return null;
            }

            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
