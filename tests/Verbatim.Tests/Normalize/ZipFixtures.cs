using System.IO.Compression;
using System.Text;

namespace Verbatim.Tests.Normalize;

/// <summary>Builds zip-family fixtures with .NET's ZipArchive: given entries, order, times and compression.</summary>
public static class ZipFixtures
{
    public sealed record Entry(string Name, byte[] Data, DateTimeOffset Time, CompressionLevel Level = CompressionLevel.Optimal);

    public static void Write(string path, IEnumerable<Entry> entries, string? comment = null)
    {
        using var file = File.Create(path);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            if (comment is not null)
            {
                zip.Comment = comment;
            }

            foreach (var entry in entries)
            {
                var e = zip.CreateEntry(entry.Name, entry.Level);
                e.LastWriteTime = entry.Time;
                if (!entry.Name.EndsWith('/'))
                {
                    using var stream = e.Open();
                    stream.Write(entry.Data);
                }
            }
        }
    }

    public static Entry Text(string name, string text, DateTimeOffset time) => new(name, Encoding.UTF8.GetBytes(text), time);

    public static DateTimeOffset At(int year, int month = 1, int day = 1, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
