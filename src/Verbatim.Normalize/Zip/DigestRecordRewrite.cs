using System.Security.Cryptography;
using System.Text;
using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// A flavor's digest record (a wheel's <c>.dist-info/RECORD</c>, see <see cref="ZipFlavor.DigestRecordSuffix"/>) kept
/// consistent: the hash and size of every entry whose contents normalization changed are recomputed, and its lines
/// are sorted by path.
/// </summary>
internal static class DigestRecordRewrite
{
    public static void Rewrite(ZipFlavor flavor, List<ZipPending> entries, NormalizeContext context, List<Change> changes)
    {
        var record = entries.FirstOrDefault(e => flavor.IsDigestRecord(e.DisplayName));
        if (record is null)
        {
            return;
        }

        var changed = entries.Where(e => e.Replacement is not null && e != record).ToDictionary(e => e.DisplayName, StringComparer.Ordinal);
        if (!context.Applies(Normalizations.WheelRecord))
        {
            if (changed.Count > 0)
            {
                throw new UnsupportedInputException($"{record.DisplayName} would no longer match {changed.Keys.Order(StringComparer.Ordinal).First()}: {Normalizations.WheelRecord.Id} is not selected");
            }

            return;
        }

        var text = Encoding.UTF8.GetString(record.ReadAll());
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var updated = new List<(string Path, string Line)>();
        foreach (var line in lines)
        {
            var path = RecordPath(line);
            if (changed.TryGetValue(path, out var entry))
            {
                var bytes = entry.ReadAll();
                var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                var newLine = $"{Quote(path)},sha256={hash},{bytes.Length}";
                if (newLine != line)
                {
                    changes.Add(new Change(Normalizations.WheelRecord, record.DisplayName, "hash of " + path, line, newLine));
                }

                updated.Add((path, newLine));
            }
            else
            {
                updated.Add((path, line));
            }
        }

        var sorted = updated.OrderBy(l => l.Path, StringComparer.Ordinal).Select(l => l.Line).ToList();
        if (!sorted.SequenceEqual(lines))
        {
            if (!updated.Select(l => l.Line).SequenceEqual(sorted))
            {
                changes.Add(new Change(Normalizations.WheelRecord, record.DisplayName, "line order", "as written", "sorted by path"));
            }

            record.Replacement = new MemoryContent(Encoding.UTF8.GetBytes(string.Join("\n", sorted) + "\n"));
        }
    }

    private static string RecordPath(string line)
    {
        if (!line.StartsWith('"'))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? line : line[..comma];
        }

        var builder = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    builder.Append('"');
                    i++;
                    continue;
                }

                break;
            }

            builder.Append(line[i]);
        }

        return builder.ToString();
    }

    private static string Quote(string path) => path.Contains(',', StringComparison.Ordinal) || path.Contains('"', StringComparison.Ordinal) ? "\"" + path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : path;
}
