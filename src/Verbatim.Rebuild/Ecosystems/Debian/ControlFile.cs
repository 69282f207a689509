namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// One deb822 paragraph (a .dsc, a .buildinfo, an apt-cache record): fields by name (case-insensitive), continuation
/// lines kept as lines. A PGP-signed file's armour is skipped.
/// </summary>
internal sealed class ControlFile
{
    private readonly Dictionary<string, string> fields = new(StringComparer.OrdinalIgnoreCase);

    public string? this[string name] => fields.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<string> Lines(string name) =>
        (this[name] ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>The first paragraph of <paramref name="text"/>.</summary>
    public static ControlFile Parse(string text)
    {
        var file = new ControlFile();
        string? current = null;
        var signed = text.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", StringComparison.Ordinal);
        var inHeader = signed;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (inHeader)
            {
                inHeader = raw.Length > 0;
                continue;
            }

            if (raw.StartsWith("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal))
            {
                break;
            }

            if (raw.Length == 0 || raw.Trim().Length == 0)
            {
                if (file.fields.Count > 0)
                {
                    break;
                }

                continue;
            }

            if ((raw[0] == ' ' || raw[0] == '\t') && current is not null)
            {
                file.fields[current] += "\n" + raw.Trim();
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            current = raw[..colon].Trim();
            file.fields[current] = raw[(colon + 1)..].Trim();
        }

        return file;
    }

    /// <summary>The <c>Checksums-Sha256</c> lines: digest, size, file name.</summary>
    public IReadOnlyList<(string Sha256, long Size, string Name)> Sha256Files() =>
        [.. Lines("Checksums-Sha256").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 3 && long.TryParse(f[1], out _))
            .Select(f => (f[0].ToLowerInvariant(), long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2]))];
}
