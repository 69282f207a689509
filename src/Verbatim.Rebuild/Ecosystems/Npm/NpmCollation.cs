namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// JavaScript's <c>a.localeCompare(b)</c> as Node computes it (ICU's root collation: punctuation not ignored, case a
/// tertiary difference with lowercase first), which npm-packlist sorts member names with. The CLI runs with invariant
/// globalization, so ICU is not at hand: this is that order for ASCII, taken from ICU's root collation; any other
/// character sorts after the ASCII letters by code point (an approximation: ICU would sort <c>é</c> with <c>e</c>).
/// </summary>
internal static class NpmCollation
{
    /// <summary>Printable ASCII in ICU root order (letters: one primary weight for both cases).</summary>
    private const string AsciiOrder = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

    private static readonly int[] Primary = BuildPrimary();

    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var primary = CompareLevel(a, b, Weight);
        if (primary != 0)
        {
            return primary;
        }

        var tertiary = CompareLevel(a, b, c => char.IsAsciiLetterUpper(c) ? 1 : 0);
        return tertiary != 0 ? tertiary : Math.Sign(string.CompareOrdinal(a, b));
    }

    /// <summary>Compares the sequences of weights of the characters that are not ignorable (ASCII controls are).</summary>
    private static int CompareLevel(string a, string b, Func<char, int> weight)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && Ignorable(a[i]))
            {
                i++;
            }

            while (j < b.Length && Ignorable(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return (i == a.Length ? 0 : 1) - (j == b.Length ? 0 : 1);
            }

            var difference = weight(a[i]).CompareTo(weight(b[j]));
            if (difference != 0)
            {
                return difference;
            }

            i++;
            j++;
        }
    }

    private static bool Ignorable(char c) => c < ' ' || c == '\x7f';

    private static int Weight(char c) => c < 128 ? Primary[c] : 1000 + c;

    private static int[] BuildPrimary()
    {
        var weights = new int[128];
        for (var i = 0; i < AsciiOrder.Length; i++)
        {
            weights[AsciiOrder[i]] = i + 1;
            if (char.IsAsciiLetterLower(AsciiOrder[i]))
            {
                weights[char.ToUpperInvariant(AsciiOrder[i])] = i + 1;
            }
        }

        return weights;
    }
}
