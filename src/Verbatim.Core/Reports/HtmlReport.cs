using System.Globalization;
using System.Net;
using System.Text;
using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>
/// The difference tree as one self-contained HTML page: no external assets, a collapsible tree (details/summary),
/// unified diffs shown side by side, hex ranges in two aligned columns of 16-byte rows, and the causes as badges.
/// Each member is marked as changed in content or in metadata only, so that a collapsed tree shows which is which.
/// The page obeys --max-report-size as the other reports do: once it reaches the limit, the rest of the tree is
/// counted, not written.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f23;background:#fff}
        h1{font-size:1.3em;margin:0 0 .3em} .summary{margin:0 0 1em;padding:.6em .8em;background:#f6f8fa;border-radius:6px}
        details{margin:.15em 0 .15em 1.1em;border-left:1px solid #d0d7de;padding-left:.6em}
        summary{cursor:pointer;font-family:ui-monospace,monospace;font-size:13px} summary .fmt{color:#6e7781}
        .field{font-family:ui-monospace,monospace;font-size:13px;margin:.2em 0 .2em 1.1em}
        .l{background:#ffebe9}.r{background:#e6ffec}
        .cause{display:inline-block;margin:.15em .3em .15em 1.1em;padding:0 .5em;border-radius:1em;background:#fff8c5;border:1px solid #d4a72c;font-size:12px}
        .comment{margin:.2em 0 .2em 1.1em;color:#57606a;font-style:italic}
        table.sbs{border-collapse:collapse;margin:.3em 0 .3em 1.1em;font-family:ui-monospace,monospace;font-size:12px;width:calc(100% - 1.1em);table-layout:fixed}
        table.sbs td{padding:0 .4em;white-space:pre-wrap;word-break:break-all;vertical-align:top;border-right:1px solid #eee}
        table.sbs td.n{width:3.5em;color:#8c959f;text-align:right} table.sbs tr.h td{background:#ddf4ff;color:#57606a}
        .added{color:#1a7f37}.removed{color:#cf222e}
        .tag{font-family:system-ui,sans-serif;font-size:11px;padding:0 .4em;border-radius:.6em;margin-left:.4em}
        .tag.content{background:#ffebe9;color:#cf222e}.tag.meta{background:#eaeef2;color:#57606a}
        table.hex td{white-space:pre;word-break:normal}
        """;

    /// <summary>Room kept for the closing tags and the note that says what was left out.</summary>
    private const int Reserve = 4096;

    /// <param name="maxBytes">About the largest page written (--max-report-size); the tree stops there.</param>
    public static string Render(string path1, string path2, Difference? root, DiffSummary summary, long maxBytes = long.MaxValue)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>verbatim diff: ")
            .Append(E(Path.GetFileName(path1))).Append(" vs ").Append(E(Path.GetFileName(path2)))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(path1)).Append(" ⟷ ").Append(E(path2)).Append("</h1>\n");
        html.Append("<p class=\"summary\">").Append(E(summary.ToSentence())).Append("</p>\n");
        if (root is not null)
        {
            // Depth first with an explicit stack (a null node closes a <details>), so any depth of nesting is written.
            var stack = new Stack<(Difference? Node, Difference? Parent, bool Open)>();
            stack.Push((root, null, true));
            var limit = Math.Max(0, maxBytes - Reserve);
            var left = 0L;
            while (stack.Count > 0)
            {
                var (node, parent, open) = stack.Pop();
                if (node is null)
                {
                    html.Append("</details>\n");
                }
                else if (html.Length >= limit)
                {
                    left += Count(node);
                }
                else
                {
                    Node(html, node, parent, open, stack, limit);
                }
            }

            if (left > 0)
            {
                html.Append("<p class=\"summary\">").Append(left.ToString(CultureInfo.InvariantCulture))
                    .Append(" more differences are not shown: the page reached its size limit (--max-report-size); the JSON report lists them within its own limit.</p>\n");
            }
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Node(StringBuilder html, Difference node, Difference? parent, bool open, Stack<(Difference? Node, Difference? Parent, bool Open)> stack, long limit)
    {
        switch (node.Kind)
        {
            case DifferenceKind.Field:
                html.Append("<div class=\"field\">").Append(E(node.Field ?? "")).Append(": <span class=\"l\">")
                    .Append(E(node.Left ?? "(absent)")).Append("</span> → <span class=\"r\">").Append(E(node.Right ?? "(absent)")).Append("</span></div>\n");
                Extras(html, node);
                return;
            case DifferenceKind.Added:
                html.Append("<div class=\"field added\">+ only in second: ").Append(E(NodeNames.Title(node, parent))).Append(" (").Append(E(node.Right ?? "")).Append(")</div>\n");
                return;
            case DifferenceKind.Removed:
                html.Append("<div class=\"field removed\">− only in first: ").Append(E(NodeNames.Title(node, parent))).Append(" (").Append(E(node.Left ?? "")).Append(")</div>\n");
                return;
        }

        var title = node.Kind switch
        {
            DifferenceKind.Order => node.Field ?? "order",
            DifferenceKind.Text => node.Field ?? "text",
            DifferenceKind.Binary => node.Field ?? "bytes",
            _ => parent is null ? $"{node.Path1} ⟷ {node.Path2}" : NodeNames.Title(node, parent),
        };
        html.Append(open ? "<details open>" : "<details>").Append("<summary>").Append(E(title));
        if (node.Format is not null)
        {
            html.Append(" <span class=\"fmt\">[").Append(E(node.Format)).Append("]</span>");
        }

        if (node.Kind == DifferenceKind.Node && parent is not null)
        {
            html.Append(MetadataOnly(node) ? "<span class=\"tag meta\">metadata only</span>" : "<span class=\"tag content\">content changed</span>");
        }

        html.Append("</summary>\n");
        Extras(html, node);
        if (node.Kind == DifferenceKind.Order)
        {
            SideBySide(html, (node.Left ?? "").Split('\n'), (node.Right ?? "").Split('\n'));
        }

        if (node.UnifiedDiff is { } diff)
        {
            // A side-by-side table is about four times the diff: leave it out when it would pass the limit.
            if (html.Length + (4L * diff.Length) > limit)
            {
                html.Append("<div class=\"comment\">diff left out: the page reached its size limit (--max-report-size)</div>\n");
            }
            else
            {
                UnifiedSideBySide(html, diff);
            }
        }

        if (node.HexRanges.Count > 0)
        {
            HtmlHex.Write(html, node.HexRanges);
        }

        stack.Push((null, null, false));
        for (var i = node.Children.Count - 1; i >= 0; i--)
        {
            stack.Push((node.Children[i], node, node.Children.Count <= 8));
        }
    }

    /// <summary>A member whose content is the same (no format compared it) and only its metadata fields differ.</summary>
    private static bool MetadataOnly(Difference node) =>
        node.Format is null && node.UnifiedDiff is null && node.HexRanges.Count == 0 && node.Children.Count > 0 &&
        node.Children.All(c => c.Kind == DifferenceKind.Field);

    /// <summary>How many nodes a subtree has (what is left out when the page is full).</summary>
    private static long Count(Difference node)
    {
        long count = 0;
        var stack = new Stack<Difference>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            count++;
            foreach (var child in current.Children)
            {
                stack.Push(child);
            }
        }

        return count;
    }

    private static void Extras(StringBuilder html, Difference node)
    {
        foreach (var comment in node.Comments)
        {
            html.Append("<div class=\"comment\">").Append(E(comment)).Append("</div>\n");
        }

        foreach (var cause in node.Causes)
        {
            html.Append("<span class=\"cause\" title=\"").Append(E(cause.Explanation)).Append("\">").Append(E(cause.Kind.Title()));
            if (cause.Left is not null || cause.Right is not null)
            {
                html.Append(": ").Append(E(cause.Left ?? "")).Append(" → ").Append(E(cause.Right ?? ""));
            }

            html.Append("</span>");
        }

        if (node.Causes.Count > 0)
        {
            html.Append('\n');
        }
    }

    private static void UnifiedSideBySide(StringBuilder html, string diff)
    {
        html.Append("<table class=\"sbs\">");
        var removed = new List<string>();
        var added = new List<string>();
        int lineLeft = 0, lineRight = 0;
        foreach (var raw in diff.Split('\n'))
        {
            if (raw.StartsWith("@@", StringComparison.Ordinal))
            {
                Flush();
                var parts = raw.Split(' ');
                lineLeft = Start(parts[1]);
                lineRight = Start(parts[2]);
                html.Append("<tr class=\"h\"><td class=\"n\"></td><td colspan=\"3\">").Append(E(raw)).Append("</td></tr>");
            }
            else if (raw.StartsWith('-'))
            {
                removed.Add(raw[1..]);
            }
            else if (raw.StartsWith('+'))
            {
                added.Add(raw[1..]);
            }
            else if (raw.Length > 0)
            {
                Flush();
                html.Append("<tr><td class=\"n\">").Append(lineLeft++).Append("</td><td>").Append(E(raw[1..])).Append("</td><td class=\"n\">").Append(lineRight++).Append("</td><td>").Append(E(raw[1..])).Append("</td></tr>");
            }
        }

        Flush();
        html.Append("</table>\n");

        void Flush()
        {
            for (var i = 0; i < Math.Max(removed.Count, added.Count); i++)
            {
                html.Append("<tr><td class=\"n\">").Append(i < removed.Count ? (lineLeft++).ToString(CultureInfo.InvariantCulture) : "")
                    .Append("</td><td class=\"").Append(i < removed.Count ? "l" : "").Append("\">").Append(i < removed.Count ? E(removed[i]) : "")
                    .Append("</td><td class=\"n\">").Append(i < added.Count ? (lineRight++).ToString(CultureInfo.InvariantCulture) : "")
                    .Append("</td><td class=\"").Append(i < added.Count ? "r" : "").Append("\">").Append(i < added.Count ? E(added[i]) : "").Append("</td></tr>");
            }

            removed.Clear();
            added.Clear();
        }

        static int Start(string range) => int.TryParse(range[1..].Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Max(n, 1) : 1;
    }

    private static void SideBySide(StringBuilder html, string[] left, string[] right)
    {
        html.Append("<table class=\"sbs\">");
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length ? left[i] : "";
            var r = i < right.Length ? right[i] : "";
            var cls = l == r ? "" : " class=\"l\"";
            var clsR = l == r ? "" : " class=\"r\"";
            html.Append("<tr><td class=\"n\">").Append(i + 1).Append("</td><td").Append(cls).Append('>').Append(E(l))
                .Append("</td><td class=\"n\">").Append(i + 1).Append("</td><td").Append(clsR).Append('>').Append(E(r)).Append("</td></tr>");
        }

        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
