using System.Security.Cryptography;
using Verbatim.Archives.Tar;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Deb;

/// <summary>
/// Tells which of some files of a .deb's data.tar.* differ between two packages: from the difference tree the engine
/// already built when it opened data.tar, else (when it could not open it) by hashing just those files' contents.
/// </summary>
internal static class DebDataFiles
{
    /// <summary>The subset of <paramref name="names"/> (as in md5sums, without <c>./</c>) whose contents differ.</summary>
    public static HashSet<string> Differing(IContent left, IContent right, IReadOnlyCollection<string> names, IReadOnlyList<Difference> members, long limit, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var data = members.Where(m => m.Path1.Contains("::data.tar", StringComparison.Ordinal) || m.Path2.Contains("::data.tar", StringComparison.Ordinal)).ToList();
        var opened = data.SelectMany(All).Any(d => d.Kind == DifferenceKind.Node && d.Format == "tar");
        foreach (var node in data.SelectMany(All).Where(d => d.Kind == DifferenceKind.Node && (d.Format is not null || d.Children.Any(c => c.Kind is DifferenceKind.Text or DifferenceKind.Binary or DifferenceKind.Node))))
        {
            foreach (var name in names)
            {
                if (node.Path1.EndsWith("::./" + name, StringComparison.Ordinal) || node.Path1.EndsWith("::" + name, StringComparison.Ordinal) ||
                    node.Path1.EndsWith("::/" + name, StringComparison.Ordinal))
                {
                    found.Add(name);
                }
            }
        }

        if (opened || found.Count == names.Count || data.Count == 0)
        {
            return found;
        }

        try
        {
            var l = Hashes(left, names, limit, cancellationToken);
            var r = Hashes(right, names, limit, cancellationToken);
            found.UnionWith(names.Where(n => l.TryGetValue(n, out var a) && r.TryGetValue(n, out var b) && !a.SequenceEqual(b)));
        }
        catch (Exception e) when (e is NotSupportedException or MalformedInputException or LimitExceededException or InvalidDataException or IOException)
        {
            // Unreadable data: the digests are left without a confirmed cause.
        }

        return found;
    }

    private static Dictionary<string, byte[]> Hashes(IContent deb, IReadOnlyCollection<string> names, long limit, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var tar = DebTarStreams.Open(deb, "data.tar", limit, cancellationToken);
        if (tar is null)
        {
            return hashes;
        }

        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var reader = new TarReader(tar);
        foreach (var entry in reader.Entries(cancellationToken))
        {
            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
            if (entry.Type == TarEntryType.File && wanted.Contains(name))
            {
                using var stream = reader.OpenData(entry);
                hashes[name] = SHA256.HashData(stream);
            }
        }

        return hashes;
    }

    private static IEnumerable<Difference> All(Difference d) => d.Children.SelectMany(All).Prepend(d);
}
