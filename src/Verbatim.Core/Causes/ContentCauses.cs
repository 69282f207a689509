using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Verbatim.Core.Model;

namespace Verbatim.Core.Causes;

/// <summary>
/// Recognises likely causes in changed content: dates, build paths, hashes, GUIDs, toolchain versions, user@host,
/// reordered lines and locale-dependent sorting. Each finding carries the two sides' values, decoded.
/// </summary>
public static partial class ContentCauses
{
    private const int MaxTextLength = 64 * 1024;

    private static readonly (Regex Pattern, CauseKind Kind, string What)[] Patterns =
    [
        (ToolchainRegex(), CauseKind.ToolchainVersion, "compiler or tool identification differs"),
        (IsoDateRegex(), CauseKind.Timestamp, "embedded date differs"),
        (CtimeRegex(), CauseKind.Timestamp, "embedded date differs"),
        (RfcDateRegex(), CauseKind.Timestamp, "embedded date differs"),
        (CDateRegex(), CauseKind.Timestamp, "embedded date (__DATE__/__TIME__) differs"),
        (GuidRegex(), CauseKind.RandomId, "random identifier (GUID/UUID) differs"),
        (HashRegex(), CauseKind.EmbeddedHash, "embedded hash differs: it is a digest of other contents"),
        (BuildPathRegex(), CauseKind.BuildPath, "build path differs"),
        (UserHostRegex(), CauseKind.HostOrUser, "user or host name differs"),
        (EpochRegex(), CauseKind.Timestamp, "embedded Unix time differs"),
    ];

    /// <summary>Causes found in one changed pair of texts (a line, a string, a field value).</summary>
    public static IReadOnlyList<Cause> Classify(string left, string right)
    {
        if (left.Length > MaxTextLength)
        {
            left = left[..MaxTextLength];
        }

        if (right.Length > MaxTextLength)
        {
            right = right[..MaxTextLength];
        }

        var found = new List<Cause>();
        var seen = new HashSet<CauseKind>();
        foreach (var (pattern, kind, what) in Patterns)
        {
            if (seen.Contains(kind))
            {
                continue;
            }

            var l = pattern.Matches(left).Select(m => m.Value).ToList();
            var r = pattern.Matches(right).Select(m => m.Value).ToList();
            if (l.Count == 0 && r.Count == 0)
            {
                continue;
            }

            var onlyLeft = l.Except(r, StringComparer.Ordinal).FirstOrDefault();
            var onlyRight = r.Except(l, StringComparer.Ordinal).FirstOrDefault();
            if (onlyLeft is null && onlyRight is null)
            {
                continue;
            }

            if (kind == CauseKind.Timestamp && pattern == EpochRegex())
            {
                if (onlyLeft is null || onlyRight is null || !IsEpoch(onlyLeft) || !IsEpoch(onlyRight))
                {
                    continue;
                }

                onlyLeft = Timestamps.Describe(long.Parse(onlyLeft, System.Globalization.CultureInfo.InvariantCulture));
                onlyRight = Timestamps.Describe(long.Parse(onlyRight, System.Globalization.CultureInfo.InvariantCulture));
            }

            if (kind == CauseKind.EmbeddedHash && (onlyLeft is null || onlyRight is null || onlyLeft.Length != onlyRight.Length))
            {
                continue;
            }

            if (kind == CauseKind.BuildPath && !LooksLikeBuildPath(onlyLeft, onlyRight))
            {
                continue;
            }

            seen.Add(kind);
            found.Add(new Cause(kind, what, onlyLeft, onlyRight));
        }

        return found;
    }

    /// <summary>Causes found in lines that were changed, taken pairwise (removed line i against added line i).</summary>
    public static IReadOnlyList<Cause> ClassifyLines(IReadOnlyList<string> removed, IReadOnlyList<string> added)
    {
        var causes = new List<Cause>();
        if (removed.Count > 0 && removed.Count == added.Count && IsSameMultiset(removed, added))
        {
            causes.Add(OrderCause(removed, added, "the same lines appear in a different order"));
            return causes;
        }

        for (var i = 0; i < Math.Min(Math.Min(removed.Count, added.Count), 64); i++)
        {
            Merge(causes, Classify(removed[i], added[i]));
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
    /// Causes found in a differing byte run: a 32/64-bit Unix time (either endianness) in a window that covers the run,
    /// else the strings around it. <paramref name="left"/> and <paramref name="right"/> hold the run with up to 32 bytes
    /// of context either side; the run starts at <paramref name="runOffset"/> in them and is <paramref name="runLength"/> long;
    /// <paramref name="alignedOffset"/> is where the window starts in its file, for judging alignment.
    /// </summary>
    public static IReadOnlyList<Cause> ClassifyBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int runOffset, int runLength, long alignedOffset = 0)
    {
        if (runLength <= 8 && left.Length == right.Length && !LooksRandom(left))
        {
            // Windows that cover the run; aligned ones first, as time fields in structures usually are.
            var windows = new List<(int Start, int Size)>();
            foreach (var size in (ReadOnlySpan<int>)[4, 8])
            {
                for (var start = runOffset + runLength - size; start <= runOffset; start++)
                {
                    if (start >= 0 && start + size <= left.Length)
                    {
                        windows.Add((start, size));
                    }
                }
            }

            // Two times a build apart differ in their least significant byte: the run must start at a little-endian
            // window's first byte or end at a big-endian window's last byte.
            foreach (var (start, size) in windows.OrderBy(w => (alignedOffset + w.Start) % w.Size == 0 ? 0 : 1))
            {
                var littleEndian = start == runOffset;
                var bigEndian = start + size == runOffset + runLength;
                if ((littleEndian || bigEndian) && TimeAt(left.Slice(start, size), right.Slice(start, size), littleEndian, bigEndian) is { } cause)
                {
                    return [cause];
                }
            }

            if (runLength <= 2 && YearAt(left, right, runOffset, runLength) is { } year)
            {
                return [year];
            }
        }

        return Classify(Printable(left), Printable(right));
    }

    /// <summary>
    /// Whether bytes look like compressed or encrypted data, where any 4 bytes may pass for a time: structures that hold
    /// times have zeros and repeated bytes around them, random data has mostly distinct ones.
    /// </summary>
    private static bool LooksRandom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 32)
        {
            return false;
        }

        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        foreach (var b in bytes)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        return distinct > bytes.Length * 3 / 4;
    }

    /// <summary>
    /// A 16-bit year (an immediate in code or a field in data) that differs: both sides read as years from 1990 to 2100
    /// in a little- or big-endian window covering the run — typically a copyright or build year taken from the clock.
    /// </summary>
    private static Cause? YearAt(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, int runOffset, int runLength)
    {
        for (var start = runOffset + runLength - 2; start <= runOffset; start++)
        {
            if (start < 0 || start + 2 > left.Length)
            {
                continue;
            }

            foreach (var bigEndian in (ReadOnlySpan<bool>)[false, true])
            {
                int l = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(left[start..]) : BinaryPrimitives.ReadUInt16LittleEndian(left[start..]);
                int r = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(right[start..]) : BinaryPrimitives.ReadUInt16LittleEndian(right[start..]);
                if (l != r && l is >= 1990 and <= 2100 && r is >= 1990 and <= 2100)
                {
                    return new Cause(CauseKind.Timestamp, "an embedded year differs (a build or copyright year taken from the clock at build time)", $"year {l}", $"year {r}");
                }
            }
        }

        return null;
    }

    private static Cause? TimeAt(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, bool tryLittleEndian, bool tryBigEndian)
    {
        foreach (var bigEndian in (ReadOnlySpan<bool>)[false, true])
        {
            if (bigEndian ? !tryBigEndian : !tryLittleEndian)
            {
                continue;
            }

            var l = Read(left, bigEndian);
            var r = Read(right, bigEndian);
            if (Timestamps.IsPlausible(l) && Timestamps.IsPlausible(r) && Math.Abs(l - r) < 20L * 365 * 86400)
            {
                return new Cause(CauseKind.Timestamp, "a binary Unix time differs", Timestamps.Describe(l), Timestamps.Describe(r));
            }
        }

        return null;

        static long Read(ReadOnlySpan<byte> b, bool bigEndian) => b.Length == 4
            ? bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b)
            : bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b);
    }

    /// <summary>Adds the causes in <paramref name="more"/> whose kind is not yet in <paramref name="into"/>.</summary>
    public static void Merge(List<Cause> into, IEnumerable<Cause> more)
    {
        foreach (var cause in more)
        {
            if (!into.Any(c => c.Kind == cause.Kind))
            {
                into.Add(cause);
            }
        }
    }

    private static bool IsEpoch(string digits) =>
        long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && Timestamps.IsPlausible(v);

    private static bool LooksLikeBuildPath(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return false;
        }

        string[] roots = ["/build/", "/tmp/", "/home/", "/var/tmp/", "/root/", "/usr/src/", "/srv/", "/workspace", "/builds/", "/work/"];
        return roots.Any(r => left.StartsWith(r, StringComparison.Ordinal) || right.StartsWith(r, StringComparison.Ordinal)) ||
               (left.Count(c => c == '/') >= 3 && right.Count(c => c == '/') >= 3);
    }

    /// <summary>Whether two line lists hold the same lines (a line moved shows as removed and added again).</summary>
    public static bool IsSameMultiset(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

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

    /// <summary>The readable strings in bytes, like <c>strings -n 4</c>: shorter printable runs are noise in binary data.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        const int minimum = 4;
        var chars = new char[bytes.Length];
        var run = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] is >= 0x20 and < 0x7f)
            {
                chars[i] = (char)bytes[i];
                run++;
                continue;
            }

            if (run < minimum)
            {
                chars.AsSpan(i - run, run).Fill(' ');
            }

            if (i < bytes.Length)
            {
                chars[i] = ' ';
            }

            run = 0;
        }

        return new string(chars);
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";

    [GeneratedRegex(@"(GCC: \([^)]*\) [0-9][\w.+~-]*|clang version [0-9][\w.+~-]*|rustc [0-9][\w.+~-]*|go[0-9]+\.[0-9]+(\.[0-9]+)?|GNU [A-Za-z ]{1,40} [0-9][\w.+~-]*|Roslyn [0-9][\w.+~-]*|Microsoft \(R\)[^\n]{0,80}[0-9][\w.+~-]*|javac [0-9][\w.+~-]*|Python [0-9][\w.+~-]*)")]
    private static partial Regex ToolchainRegex();

    [GeneratedRegex(@"\b(19|20)\d\d-[01]\d-[0-3]\d([T ][0-2]\d:[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-][0-2]\d:?[0-5]\d| ?UTC)?)?")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d [0-2]\d:[0-5]\d:[0-5]\d( [A-Z]{3,4})? (19|20)\d\d")]
    private static partial Regex CtimeRegex();

    [GeneratedRegex(@"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [ 0-3]?\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (19|20)\d\d [0-2]\d:[0-5]\d:[0-5]\d( [+-]\d{4}| [A-Z]{3})?")]
    private static partial Regex RfcDateRegex();

    [GeneratedRegex(@"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d (19|20)\d\d( [0-2]\d:[0-5]\d:[0-5]\d)?|\b[0-2]\d:[0-5]\d:[0-5]\d\b")]
    private static partial Regex CDateRegex();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidRegex();

    [GeneratedRegex(@"\b([0-9a-f]{128}|[0-9a-f]{64}|[0-9a-f]{56}|[0-9a-f]{40}|[0-9a-f]{32}|[0-9A-F]{64}|[0-9A-F]{40}|[0-9A-F]{32})\b")]
    private static partial Regex HashRegex();

    [GeneratedRegex(@"(/[A-Za-z0-9._+-]+){2,}/?")]
    private static partial Regex BuildPathRegex();

    [GeneratedRegex(@"\b[a-z_][a-z0-9_.-]{0,31}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(\.[A-Za-z0-9-]{1,63})*\b")]
    private static partial Regex UserHostRegex();

    [GeneratedRegex(@"\b1[0-9]{9}\b")]
    private static partial Regex EpochRegex();
}
