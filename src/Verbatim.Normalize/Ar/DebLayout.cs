using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Archives.Ar;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.Ar;

/// <summary>
/// What dpkg-deb requires of a binary package's members, checked before anything is written: <c>debian-binary</c>
/// first, holding a format version 2.x and a newline; then (after any members whose names start with <c>_</c>)
/// <c>control.tar</c> and then <c>data.tar</c>, each plain or compressed. A package that breaks this is left untouched.
/// </summary>
internal static partial class DebLayout
{
    public static void Check(IReadOnlyList<ArEntry> entries, Stream archive)
    {
        var files = entries.Where(e => e.Kind == ArEntryKind.File).ToList();
        if (files.Count == 0 || files[0].Name != "debian-binary")
        {
            throw new MalformedInputException("not a valid .deb: the first member is not debian-binary");
        }

        var version = Read(archive, files[0], 64);
        if (!Version().IsMatch(version))
        {
            throw new MalformedInputException($"not a valid .deb: debian-binary holds '{Printable(version)}', not a format version 2.x and a newline");
        }

        var rest = files.Skip(1).Where(e => !e.Name.StartsWith('_')).Select(e => e.Name).ToList();
        if (rest.Count < 2 || !ControlTar().IsMatch(rest[0]) || !DataTar().IsMatch(rest[1]))
        {
            throw new MalformedInputException($"not a valid .deb: the members after debian-binary are {string.Join(", ", rest.Take(3))}, not control.tar.* then data.tar.*");
        }
    }

    private static string Read(Stream archive, ArEntry entry, int limit)
    {
        var bytes = new byte[(int)Math.Min(entry.Size, limit)];
        archive.Position = entry.DataOffset;
        archive.ReadExactly(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private static string Printable(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^2\.[0-9]+\n", RegexOptions.CultureInvariant)]
    private static partial Regex Version();

    [GeneratedRegex(@"^control\.tar(\.(gz|xz|zst))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ControlTar();

    [GeneratedRegex(@"^data\.tar(\.(gz|xz|zst|bz2|lzma))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DataTar();
}
