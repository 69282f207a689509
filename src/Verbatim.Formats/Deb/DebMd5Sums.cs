using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Deb;

/// <summary>
/// Compares two packages' md5sums lists file by file. A changed digest whose file really differs in data.tar gets
/// an embedded-hash cause naming that file: the digest changed because the file did.
/// </summary>
internal static class DebMd5Sums
{
    public static Difference? Compare(Input left, Input right, DebControl a, DebControl b, IReadOnlyList<Difference> members, ComparisonContext context)
    {
        var l = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sum) in a.Md5Sums)
        {
            l.TryAdd(name, sum);
        }

        var r = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sum) in b.Md5Sums)
        {
            r.TryAdd(name, sum);
        }

        var names = l.Keys.Concat(r.Keys.Where(n => !l.ContainsKey(n))).Where(n => l.GetValueOrDefault(n) != r.GetValueOrDefault(n)).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var changed = names.Where(n => l.ContainsKey(n) && r.ContainsKey(n)).ToList();
        var differing = DebDataFiles.Differing(left.Content, right.Content, changed, members, context.Options.MaxMemberBytes, context.CancellationToken);
        var p1 = left.Path + "::md5sums";
        var p2 = right.Path + "::md5sums";
        var fields = names.Select(n =>
        {
            Cause[] causes = differing.Contains(n)
                ? [new Cause(CauseKind.EmbeddedHash, $"md5sums lists the digest of ./{n}, which differs", l[n], r[n])]
                : [];
            return Difference.ForField(p1, p2, "./" + n, l.GetValueOrDefault(n), r.GetValueOrDefault(n), causes);
        }).ToList();
        return new Difference { Path1 = p1, Path2 = p2, Kind = DifferenceKind.Node, Format = "deb-md5sums", Children = fields };
    }
}
