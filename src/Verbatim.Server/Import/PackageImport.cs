namespace Verbatim.Server.Import;

/// <summary>One source package version read from an index, with the priorities its index entries give it.</summary>
public sealed record ImportedPackage(string Name, string Version, IReadOnlySet<string> Priorities);

/// <summary>
/// Reads the package lists a collection is imported from: a Debian <c>Sources</c> or <c>Packages</c> index as the
/// mirror publishes it (deb822 paragraphs; a binary package counts as its source package, <c>Source: NAME (VERSION)</c>),
/// or a list of <c>name=version</c> lines (blank lines and <c># comments</c> skipped). Errors name the line.
/// </summary>
public static class PackageImport
{
    public static readonly IReadOnlyList<string> Formats = ["debian-sources", "debian-packages", "list"];

    /// <exception cref="FormatException">The text is not of the format; the message names the line.</exception>
    public static IReadOnlyList<ImportedPackage> Read(string format, string text) => format switch
    {
        "debian-sources" => Merge(Paragraphs(text).Select(p => Source(p, binary: false))),
        "debian-packages" => Merge(Paragraphs(text).Select(p => Source(p, binary: true))),
        "list" => Merge(List(text)),
        _ => throw new FormatException($"format '{format}' is not one of {string.Join(", ", Formats)}"),
    };

    private static IEnumerable<(string Name, string Version, string? Priority)> List(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == line.Length - 1)
            {
                throw new FormatException($"line {number}: '{Shorten(line)}' is not name=version");
            }

            yield return (line[..equals].Trim(), line[(equals + 1)..].Trim(), null);
        }
    }

    private static (string Name, string Version, string? Priority) Source((int Line, Dictionary<string, string> Fields) paragraph, bool binary)
    {
        var fields = paragraph.Fields;
        if (!fields.TryGetValue("Package", out var name) || !fields.TryGetValue("Version", out var version))
        {
            throw new FormatException($"line {paragraph.Line}: the paragraph has no Package or no Version field");
        }

        if (binary && fields.TryGetValue("Source", out var source))
        {
            var open = source.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && source.EndsWith(')'))
            {
                version = source[(open + 1)..^1].Trim();
                name = source[..open].Trim();
            }
            else
            {
                name = source.Trim();
            }
        }

        return (name, version, fields.GetValueOrDefault("Priority"));
    }

    /// <summary>deb822 paragraphs: <c>Field: value</c> lines, continuation lines starting with a space, blank lines between.</summary>
    private static IEnumerable<(int Line, Dictionary<string, string> Fields)> Paragraphs(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var start = 0;
        var number = 0;
        string? last = null;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0)
                {
                    yield return (start, fields);
                    fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                last = null;
                continue;
            }

            if (fields.Count == 0)
            {
                start = number;
            }

            if (line[0] is ' ' or '\t')
            {
                if (last is null)
                {
                    throw new FormatException($"line {number}: a continuation line outside a field");
                }

                continue; // Continuation lines (file lists, descriptions) carry nothing an import needs.
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"line {number}: '{Shorten(line)}' is not 'Field: value'");
            }

            last = line[..colon];
            fields[last] = line[(colon + 1)..].Trim();
        }

        if (fields.Count > 0)
        {
            yield return (start, fields);
        }
    }

    private static List<ImportedPackage> Merge(IEnumerable<(string Name, string Version, string? Priority)> entries)
    {
        var merged = new Dictionary<(string, string), HashSet<string>>();
        var order = new List<(string, string)>();
        foreach (var (name, version, priority) in entries)
        {
            if (!merged.TryGetValue((name, version), out var priorities))
            {
                merged[(name, version)] = priorities = new HashSet<string>(StringComparer.Ordinal);
                order.Add((name, version));
            }

            if (priority is not null)
            {
                priorities.Add(priority);
            }
        }

        return [.. order.Select(key => new ImportedPackage(key.Item1, key.Item2, merged[key]))];
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
