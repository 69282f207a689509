using System.Text.RegularExpressions;

namespace Verbatim.Tests.Formats.Text;

/// <summary>Applies unified-diff hunks to lines, checking every context and removed line and every header count.</summary>
internal static partial class Patch
{
    public static List<string> Apply(IReadOnlyList<string> a, string hunks)
    {
        var result = new List<string>();
        var ia = 0;
        var lines = hunks.Split('\n');
        Assert.Equal("", lines[^1]);
        for (var k = 0; k < lines.Length - 1;)
        {
            var header = HunkHeader().Match(lines[k++]);
            Assert.True(header.Success, $"not a hunk header: {lines[k - 1]}");
            var countA = header.Groups[2].Success ? int.Parse(header.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var countB = header.Groups[4].Success ? int.Parse(header.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var startA = int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - (countA == 0 ? 0 : 1);
            var startB = int.Parse(header.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) - (countB == 0 ? 0 : 1);
            Assert.True(startA >= ia, "hunks overlap or are out of order");
            result.AddRange(a.Skip(ia).Take(startA - ia));
            ia = startA;
            Assert.Equal(startB, result.Count);
            int seenA = 0, seenB = 0;
            for (; k < lines.Length - 1 && !lines[k].StartsWith("@@", StringComparison.Ordinal); k++)
            {
                var line = lines[k];
                var text = line[1..];
                switch (line[0])
                {
                    case ' ':
                        Assert.Equal(a[ia++], text);
                        result.Add(text);
                        seenA++;
                        seenB++;
                        break;
                    case '-':
                        Assert.Equal(a[ia++], text);
                        seenA++;
                        break;
                    case '+':
                        result.Add(text);
                        seenB++;
                        break;
                    default:
                        Assert.Fail($"unexpected line in a hunk: {line}");
                        break;
                }
            }

            Assert.Equal(countA, seenA);
            Assert.Equal(countB, seenB);
        }

        result.AddRange(a.Skip(ia));
        return result;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")]
    private static partial Regex HunkHeader();
}
