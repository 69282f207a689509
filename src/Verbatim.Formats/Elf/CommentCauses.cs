using Verbatim.Core.Model;

namespace Verbatim.Formats.Elf;

/// <summary>
/// The cause of a differing <c>.comment</c> section: the compiler identifications (e.g. <c>GCC: (Debian 12.2.0-10) 12.2.0</c>)
/// found on one side only, named on both sides.
/// </summary>
internal static class CommentCauses
{
    public static Difference Add(Difference text, string left, string right, SectionFindings findings)
    {
        var l = Lines(left);
        var r = Lines(right);
        var onlyLeft = string.Join("; ", l.Except(r, StringComparer.Ordinal));
        var onlyRight = string.Join("; ", r.Except(l, StringComparer.Ordinal));
        if (onlyLeft.Length == 0 && onlyRight.Length == 0)
        {
            return text;
        }

        findings.Toolchain = (onlyLeft, onlyRight, ".comment");
        var cause = new Cause(CauseKind.ToolchainVersion, "built with another compiler or toolchain version (the identification in .comment differs)", Show(onlyLeft), Show(onlyRight));
        return text with { Causes = [cause, .. text.Causes.Where(c => c.Kind != CauseKind.ToolchainVersion)] };
    }

    private static string Show(string value) => value.Length == 0 ? "(none)" : value;

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
