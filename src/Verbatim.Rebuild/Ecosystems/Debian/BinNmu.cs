using System.Globalization;
using System.IO.Compression;
using System.Text;
using Verbatim.Build.Inputs;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>
/// A binNMU: a binary package the archive rebuilt without a source upload, versioned <c>SOURCE+bN</c>, whose changelog
/// entry (<c>PKG (SOURCE+bN) DIST; urgency=…, binary-only=yes</c>) the source package does not contain. The buildds'
/// sbuild prepends that entry to <c>debian/changelog</c> before the build (<c>--make-binNMU</c>, or a .buildinfo's
/// <c>Binary-Only-Changes</c>: the entry, a blank line, the source's changelog), so the packages get the +bN version and
/// SOURCE_DATE_EPOCH is the entry's date. The published .deb carries the entry itself: dh_installchangelogs writes
/// binary-only entries to <c>usr/share/doc/PKG/changelog.Debian.ARCH.gz</c> (older debhelper left them at the top of
/// <c>changelog.Debian.gz</c>).
/// </summary>
internal sealed record BinNmu(string Version, string Entry, long Epoch)
{
    /// <summary>The file the entry is written to beside the source files, and prepended from in the build.</summary>
    public const string FileName = "binnmu-changelog-entry";

    /// <summary>True when <paramref name="binaryVersion"/> is <paramref name="sourceVersion"/> with a <c>+bN</c> suffix.</summary>
    public static bool IsBinNmuOf(string binaryVersion, string sourceVersion) =>
        binaryVersion.StartsWith(sourceVersion + "+b", StringComparison.Ordinal)
        && binaryVersion.Length > sourceVersion.Length + 2
        && binaryVersion[(sourceVersion.Length + 2)..].All(char.IsAsciiDigit);

    /// <summary>
    /// The binNMU the reference .deb at <paramref name="deb"/> was built as, when its version is
    /// <paramref name="sourceVersion"/>+bN; null when it is not a binNMU.
    /// </summary>
    /// <exception cref="RebuildException">It is a binNMU whose changelog entry cannot be read from the package.</exception>
    public static BinNmu? FromReference(string deb, string sourceVersion)
    {
        var control = DebArchive.Control(deb);
        if (control?["Version"] is not { } version || !IsBinNmuOf(version, sourceVersion))
        {
            return null;
        }

        var arch = control["Architecture"] ?? "amd64";
        foreach (var suffix in new[] { "/changelog.Debian." + arch + ".gz", "/changelog.Debian.gz" })
        {
            if (DebArchive.DataMember(deb, n => n.Contains("usr/share/doc/", StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal)) is { } gz
                && FromChangelog(Gunzip(gz), version) is { } found)
            {
                return found;
            }
        }

        throw new RebuildException($"{deb}: version {version} is a binNMU of {sourceVersion}, but its changelog entry (usr/share/doc/*/changelog.Debian.{arch}.gz) is not in the package");
    }

    /// <summary>The first entry of <paramref name="changelog"/> when it is the binary-only entry of <paramref name="version"/>, with its date; else null.</summary>
    public static BinNmu? FromChangelog(string changelog, string version)
    {
        var lines = changelog.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (start < 0 || !lines[start].Contains(" (" + version + ") ", StringComparison.Ordinal) || !lines[start].Contains("binary-only=yes", StringComparison.Ordinal))
        {
            return null;
        }

        var end = Array.FindIndex(lines, start, l => l.StartsWith(" -- ", StringComparison.Ordinal));
        if (end < 0 || SourceDateEpochResolver.FromChangelog([lines[end]]) is not { } epoch)
        {
            return null;
        }

        return new BinNmu(version, string.Join('\n', lines[start..(end + 1)]).Trim(), epoch);
    }

    /// <summary>The shell command (run in the unpacked source tree) that prepends the entry to debian/changelog as sbuild does.</summary>
    public static string PrependCommand(string entryFile) =>
        $"{{ cat {Recipes.InferredRecipe.Sh(entryFile)} && printf '\\n\\n' && cat debian/changelog; }} > debian/changelog.binnmu && mv debian/changelog.binnmu debian/changelog";

    /// <summary>The entry as sbuild writes it before the source's changelog: trimmed, then a blank line (<see cref="PrependCommand"/> adds it).</summary>
    public byte[] FileBytes() => Encoding.UTF8.GetBytes(Entry);

    public string Date() => DateTimeOffset.FromUnixTimeSeconds(Epoch).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Gunzip(byte[] gz)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > 16 << 20)
                {
                    return "";
                }
            }

            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }
}
