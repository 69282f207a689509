using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Text;

/// <summary>
/// Compares two texts line by line: the unified diff and the causes found in its changed lines. Formats that
/// render what they read as text (a symbol table, control fields, IL) use this for the leaf differences.
/// </summary>
public static class TextComparer
{
    /// <summary>A <see cref="DifferenceKind.Text"/> node for <paramref name="label"/>, or null when the texts are equal.</summary>
    public static Difference? Compare(string path1, string path2, string? label, string left, string right, ComparisonContext context, string format = "text")
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return null;
        }

        var diff = UnifiedDiff.Create(left, right, context.CancellationToken);
        if (diff is null)
        {
            // Only line endings or a final newline differ.
            return new Difference
            {
                Path1 = path1,
                Path2 = path2,
                Kind = DifferenceKind.Field,
                Field = label ?? "line endings",
                Left = Describe(left),
                Right = Describe(right),
                Format = format,
            };
        }

        IReadOnlyList<Cause> causes = diff.SameLinesInAnotherOrder
            ? [ContentCauses.OrderCause(Lines(left), Lines(right), "the same lines appear in a different order")]
            : ContentCauses.ClassifyLines(diff.Removed, diff.Added, left, right);
        var shown = context.Report.TryCharge(diff.Text.Length) ? diff.Text : null;
        return new Difference
        {
            Path1 = path1,
            Path2 = path2,
            Kind = DifferenceKind.Text,
            Field = label,
            Format = format,
            UnifiedDiff = shown,
            Comments = shown is null ? [.. diff.Notes, "diff left out: the report reached its size limit (--max-report-size)"] : diff.Notes,
            Causes = causes,
        };

        static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

        static string Describe(string s) => $"{s.Length} characters, {(s.Contains("\r\n", StringComparison.Ordinal) ? "CRLF" : "LF")} line endings{(s.EndsWith('\n') ? "" : ", no final newline")}";
    }
}
