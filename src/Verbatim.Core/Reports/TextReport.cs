using System.Globalization;
using System.Text;
using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>
/// The difference tree as indented text, the way a person reads it in a terminal: a summary line, then one branch
/// per differing member, field values side by side, unified diffs and hex ranges, and the cause of each.
/// </summary>
public static class TextReport
{
    public static string Render(string path1, string path2, Difference? root, DiffSummary summary)
    {
        var text = new StringBuilder();
        text.Append("verbatim diff: ").Append(summary.ToSentence()).Append('\n');
        if (root is null)
        {
            return text.ToString();
        }

        text.Append("--- ").Append(path1).Append('\n');
        text.Append("+++ ").Append(path2).Append('\n');
        Body(text, root, "");

        // Depth first with an explicit stack, so that any depth of nesting is written.
        var stack = new Stack<(Difference Node, Difference Parent, string Indent, bool Last)>();
        for (var i = root.Children.Count - 1; i >= 0; i--)
        {
            stack.Push((root.Children[i], root, "", i == root.Children.Count - 1));
        }

        while (stack.Count > 0)
        {
            var (node, parent, indent, last) = stack.Pop();
            var next = indent + (last ? "    " : "│   ");
            text.Append(indent).Append(last ? "└── " : "├── ").Append(Heading(node, parent)).Append('\n');
            Body(text, node, next);
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((node.Children[i], node, next, i == node.Children.Count - 1));
            }
        }

        return text.ToString();
    }

    private static string Heading(Difference node, Difference parent) => node.Kind switch
    {
        DifferenceKind.Field => $"{node.Field}: {Inline(node.Left)} → {Inline(node.Right)}",
        DifferenceKind.Order => $"{node.Field ?? "order"} differs",
        DifferenceKind.Added => $"only in second: {NodeNames.Title(node, parent)} ({node.Right})",
        DifferenceKind.Removed => $"only in first: {NodeNames.Title(node, parent)} ({node.Left})",
        DifferenceKind.Text => node.Field is null ? "text differs" : $"{node.Field} differs",
        DifferenceKind.Binary => node.Field is null ? "bytes differ" : $"{node.Field}: bytes differ",
        _ => NodeNames.Title(node, parent) + (node.Format is null ? "" : $" [{node.Format}]"),
    };

    private static void Body(StringBuilder text, Difference node, string indent)
    {
        foreach (var comment in node.Comments)
        {
            text.Append(indent).Append("│ ℹ ").Append(comment).Append('\n');
        }

        foreach (var cause in node.Causes)
        {
            text.Append(indent).Append("│ ⚑ cause: ").Append(cause.Kind.Title()).Append(" — ").Append(cause.Explanation);
            if (cause.Left is not null || cause.Right is not null)
            {
                text.Append(" (").Append(Inline(cause.Left)).Append(" → ").Append(Inline(cause.Right)).Append(')');
            }

            text.Append('\n');
        }

        if (node.Kind == DifferenceKind.Order)
        {
            AppendBlock(text, indent, "first:  ", node.Left);
            AppendBlock(text, indent, "second: ", node.Right);
        }

        if (node.UnifiedDiff is { } diff)
        {
            foreach (var line in diff.AsSpan().TrimEnd('\n').EnumerateLines())
            {
                text.Append(indent).Append("│ ").Append(line).Append('\n');
            }
        }

        foreach (var range in node.HexRanges)
        {
            text.Append(indent).Append("│ @0x").Append(range.Offset.ToString("x", CultureInfo.InvariantCulture));
            text.Append(range.Length1 == range.Length2 ? $" ({range.Length1} bytes)" : $" ({range.Length1} vs {range.Length2} bytes)").Append('\n');
            text.Append(indent).Append("│ - ").Append(Spaced(range.Hex1)).Append(range.Hex1.Length / 2 < range.Length1 ? " …" : "").Append('\n');
            text.Append(indent).Append("│ + ").Append(Spaced(range.Hex2)).Append(range.Hex2.Length / 2 < range.Length2 ? " …" : "").Append('\n');
        }
    }

    private static void AppendBlock(StringBuilder text, string indent, string label, string? value)
    {
        var lines = (value ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(indent).Append("│ ").Append(i == 0 ? label : new string(' ', label.Length)).Append(lines[i]).Append('\n');
        }
    }

    private static string Inline(string? value)
    {
        if (value is null)
        {
            return "(absent)";
        }

        var flat = value.Replace("\n", "⏎", StringComparison.Ordinal);
        return flat.Length <= 160 ? flat : flat[..157] + "...";
    }

    private static string Spaced(string hex)
    {
        var builder = new StringBuilder(hex.Length * 3 / 2);
        for (var i = 0; i < hex.Length; i += 2)
        {
            if (i > 0)
            {
                builder.Append(i % 32 == 0 ? "  " : " ");
            }

            builder.Append(hex, i, Math.Min(2, hex.Length - i));
        }

        return builder.ToString();
    }
}
