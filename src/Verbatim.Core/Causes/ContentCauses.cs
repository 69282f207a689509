using System.Globalization;
using System.Text.RegularExpressions;
using Verbatim.Core.Model;

namespace Verbatim.Core.Causes;

/// <summary>
/// Recognises likely causes in changed content: dates, build paths, hashes, GUIDs, toolchain versions, user@host,
/// reordered lines and locale-dependent sorting. Each finding carries the two sides' values, decoded.
/// A cause is claimed only when it explains the WHOLE change: once every recognised value that differs is masked
/// out, the two sides must be equal; otherwise the change is real content and no cause is given.
/// </summary>
public static partial class ContentCauses
{
    private const int MaxTextLength = 64 * 1024;

    /// <summary>Changed line pairs classified at most; a larger change is not accounted for line by line.</summary>
    private const int MaxLinePairs = 4096;

    private static readonly (Regex Pattern, CauseKind Kind, string What)[] Patterns =
    [
        (ToolchainRegex(), CauseKind.ToolchainVersion, "compiler or tool identification differs"),
        (IsoDateRegex(), CauseKind.Timestamp, "embedded date differs"),
        (CtimeRegex(), CauseKind.Timestamp, "embedded date differs"),
        (RfcDateRegex(), CauseKind.Timestamp, "embedded date differs"),
        (CDateRegex(), CauseKind.Timestamp, "embedded date (__DATE__/__TIME__) differs"),
        (GuidRegex(), CauseKind.RandomId, "random identifier (GUID/UUID) differs"),
        (HashRegex(), CauseKind.EmbeddedHash, "embedded hash differs: it is a digest of other contents"),
        (BuildPaths.Pattern(), CauseKind.BuildPath, "build path differs"),
        (UserHostRegex(), CauseKind.HostOrUser, "user or host name differs"),
        (LabelledEpochRegex(), CauseKind.Timestamp, "embedded Unix time differs"),
    ];

    /// <summary>Causes found in one changed pair of texts (a line, a string, a field value).</summary>
    /// <param name="left">The first side's text.</param>
    /// <param name="right">The second side's text.</param>
    /// <param name="wholeLeft">The whole first text the pair was taken from, when it is larger (for judging uniqueness).</param>
    /// <param name="wholeRight">The whole second text.</param>
    public static IReadOnlyList<Cause> Classify(string left, string right, string? wholeLeft = null, string? wholeRight = null)
    {
        if (left.Length > MaxTextLength || right.Length > MaxTextLength || string.Equals(left, right, StringComparison.Ordinal))
        {
            return [];
        }

        var found = new List<Cause>();
        for (var p = 0; p < Patterns.Length; p++)
        {
            var (pattern, kind, what) = Patterns[p];
            var l = pattern.Matches(left).Select(m => m.Value).ToList();
            var r = pattern.Matches(right).Select(m => m.Value).ToList();
            if (l.Count == 0 || r.Count == 0)
            {
                continue;
            }

            var onlyLeft = l.Except(r, StringComparer.Ordinal).ToList();
            var onlyRight = r.Except(l, StringComparer.Ordinal).ToList();
            if (onlyLeft.Count == 0 || onlyRight.Count == 0 || !Valid(kind, pattern, onlyLeft, onlyRight, wholeLeft ?? left, wholeRight ?? right))
            {
                continue;
            }

            var (shownLeft, shownRight) = (onlyLeft[0], onlyRight[0]);
            if (pattern == LabelledEpochRegex())
            {
                shownLeft = Timestamps.Describe(Seconds(shownLeft));
                shownRight = Timestamps.Describe(Seconds(shownRight));
            }

            // Masked on both sides, so that what is left can be compared.
            var mask = "\u0001" + (char)('A' + p);
            left = pattern.Replace(left, mask);
            right = pattern.Replace(right, mask);
            if (!found.Any(c => c.Kind == kind))
            {
                found.Add(new Cause(kind, what, shownLeft, shownRight));
            }
        }

        return string.Equals(left, right, StringComparison.Ordinal) ? found : [];
    }

    /// <summary>
    /// Causes found in lines that were changed, taken pairwise (removed line i against added line i). Causes are given
    /// only when every changed line is accounted for: as many lines removed as added, each pair explained.
    /// </summary>
    public static IReadOnlyList<Cause> ClassifyLines(IReadOnlyList<string> removed, IReadOnlyList<string> added, string? wholeLeft = null, string? wholeRight = null)
    {
        if (removed.Count == 0 || removed.Count != added.Count || removed.Count > MaxLinePairs)
        {
            return [];
        }

        if (IsSameMultiset(removed, added))
        {
            return [OrderCause(removed, added, "the same lines appear in a different order")];
        }

        var causes = new List<Cause>();
        for (var i = 0; i < removed.Count; i++)
        {
            if (string.Equals(removed[i], added[i], StringComparison.Ordinal))
            {
                continue;
            }

            var pair = Classify(removed[i], added[i], wholeLeft, wholeRight);
            if (pair.Count == 0)
            {
                return [];
            }

            Merge(causes, pair);
        }

        return causes;
    }

    /// <summary>
    /// The cause of two sequences holding the same items in another order: locale-dependent sorting when each side is
    /// sorted under a different collation, else plain member order.
    /// </summary>
    public static Cause OrderCause(IReadOnlyList<string> left, IReadOnlyList<string> right, string what)
    {
        var leftSort = SortedUnder(left);
        var rightSort = SortedUnder(right);
        if (leftSort is not null && rightSort is not null && leftSort != rightSort)
        {
            return new Cause(CauseKind.LocaleOrdering, $"{what}: sorted by {leftSort} on one side and {rightSort} on the other (the build's locale decided the order)", leftSort, rightSort);
        }

        var at = Enumerable.Range(0, Math.Min(left.Count, right.Count)).FirstOrDefault(i => left[i] != right[i]);
        return new Cause(CauseKind.MemberOrder, $"{what} (first change at position {at + 1})", Shorten(left[at]), Shorten(right[at]));
    }

    /// <summary>
    /// Causes found in a differing byte run; see <see cref="ByteCauses.Classify"/>.
    /// </summary>
    public static IReadOnlyList<Cause> ClassifyBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int runOffset, int runLength, long alignedOffset = 0) =>
        ByteCauses.Classify(left, right, runOffset, runLength, alignedOffset);

    /// <summary>
    /// Adds the causes in <paramref name="more"/> whose kind is not yet in <paramref name="into"/>; unconfirmed
    /// candidates are all kept (each may yet be confirmed or dropped, see <see cref="CauseEvidence"/>).
    /// </summary>
    public static void Merge(List<Cause> into, IEnumerable<Cause> more)
    {
        foreach (var cause in more)
        {
            if (cause.Unconfirmed ? !into.Contains(cause) : !into.Any(c => c.Kind == cause.Kind && !c.Unconfirmed))
            {
                into.Add(cause);
            }
        }
    }

    /// <summary>Whether two line lists hold the same lines (a line moved shows as removed and added again).</summary>
    public static bool IsSameMultiset(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static bool Valid(CauseKind kind, Regex pattern, List<string> onlyLeft, List<string> onlyRight, string wholeLeft, string wholeRight)
    {
        switch (kind)
        {
            case CauseKind.Timestamp when pattern == LabelledEpochRegex():
                var l = Seconds(onlyLeft[0]);
                var r = Seconds(onlyRight[0]);
                return Timestamps.IsPlausible(l) && Timestamps.IsPlausible(r) && Math.Abs(l - r) < 20L * 365 * 86400;
            case CauseKind.EmbeddedHash:
                return onlyLeft.Count == onlyRight.Count && onlyLeft.Zip(onlyRight).All(p => p.First.Length == p.Second.Length);
            case CauseKind.BuildPath:
                return BuildPaths.IsPrefixChange(onlyLeft, onlyRight);
            case CauseKind.HostOrUser:
                // A build host is a short name (buildd@x86-grnet-01, root@buildhost); an address with a domain is an
                // e-mail address (a maintainer in a changelog), which is content.
                return onlyLeft.Concat(onlyRight).All(v => !v[(v.IndexOf('@') + 1)..].Contains('.'));
            case CauseKind.RandomId:
                // A constant that the other side also holds (elsewhere in its text) is not generated per build.
                return onlyLeft.All(v => !wholeRight.Contains(v, StringComparison.OrdinalIgnoreCase)) &&
                       onlyRight.All(v => !wholeLeft.Contains(v, StringComparison.OrdinalIgnoreCase));
            default:
                return true;
        }
    }

    private static long Seconds(string labelled) => long.Parse(EpochDigitsRegex().Match(labelled).Value, CultureInfo.InvariantCulture);

    private static string? SortedUnder(IReadOnlyList<string> items)
    {
        if (items.Count < 2)
        {
            return null;
        }

        (string Name, IComparer<string> Comparer)[] collations =
        [
            ("byte order (C locale)", StringComparer.Ordinal),
            ("case-insensitive order", StringComparer.OrdinalIgnoreCase),
            ("dictionary order ignoring punctuation", Comparer<string>.Create((x, y) => string.CompareOrdinal(Letters(x), Letters(y)))),
        ];
        foreach (var (name, comparer) in collations)
        {
            var sorted = true;
            for (var i = 1; i < items.Count && sorted; i++)
            {
                sorted = comparer.Compare(items[i - 1], items[i]) <= 0;
            }

            if (sorted)
            {
                return name;
            }
        }

        return null;

        static string Letters(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";

    [GeneratedRegex(@"(GCC: \([^)]*\) [0-9][\w.+~-]*|clang version [0-9][\w.+~-]*|rustc [0-9][\w.+~-]*|\bgo[0-9]+\.[0-9]+(\.[0-9]+)?\b|GNU [A-Za-z ]{1,40} [0-9][\w.+~-]*|Roslyn [0-9][\w.+~-]*|Microsoft \(R\)[^\n]{0,80}[0-9][\w.+~-]*|javac [0-9][\w.+~-]*|Python [0-9][\w.+~-]*)")]
    private static partial Regex ToolchainRegex();

    [GeneratedRegex(@"\b(19|20)\d\d-[01]\d-[0-3]\d([T ][0-2]\d:[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-][0-2]\d:?[0-5]\d| ?UTC)?)?")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d [0-2]\d:[0-5]\d:[0-5]\d( [A-Z]{3,4})? (19|20)\d\d")]
    private static partial Regex CtimeRegex();

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [ 0-3]?\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (19|20)\d\d [0-2]\d:[0-5]\d:[0-5]\d( [+-]\d{4}| [A-Z]{3})?")]
    private static partial Regex RfcDateRegex();

    [GeneratedRegex(@"\b((Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d (19|20)\d\d( [0-2]\d:[0-5]\d:[0-5]\d)?|\b[0-2]\d:[0-5]\d:[0-5]\d\b")]
    private static partial Regex CDateRegex();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidRegex();

    [GeneratedRegex(@"\b([0-9a-f]{128}|[0-9a-f]{64}|[0-9a-f]{56}|[0-9a-f]{40}|[0-9a-f]{32}|[0-9A-F]{64}|[0-9A-F]{40}|[0-9A-F]{32})\b")]
    private static partial Regex HashRegex();

    [GeneratedRegex(@"(?<![\w.+-])[a-z_][a-z0-9_.-]{0,31}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(\.[A-Za-z0-9-]{1,63})*\b")]
    private static partial Regex UserHostRegex();

    /// <summary>A 10-digit Unix time next to a label that says it is one (<c>SOURCE_DATE_EPOCH=…</c>, <c>"timestamp": …</c>).</summary>
    [GeneratedRegex(@"(?i)(time|date|epoch|stamp|built|created|modified|mtime)[\w ""']{0,16}[:= ] ?[""']?\b1[0-9]{9}\b")]
    private static partial Regex LabelledEpochRegex();

    [GeneratedRegex(@"1[0-9]{9}$")]
    private static partial Regex EpochDigitsRegex();
}
