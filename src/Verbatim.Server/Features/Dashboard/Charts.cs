using System.Globalization;
using System.Text;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Dashboard;

/// <summary>Inline SVG charts: a section's shares as one stacked bar, and the history of the shares as stacked areas.</summary>
internal static class Charts
{
    private static readonly string[] Order = [.. PackageStatus.All];

    public static long[] Counts(SectionFigures f) => [f.Reproducible, f.Equivalent, f.NotReproducible, f.Failed, f.Pending];

    /// <summary>One horizontal bar, its segments the shares of each status (with a title per segment for hover).</summary>
    public static string Bar(SectionFigures figures, int width = 480, int height = 18)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"shares of {Html.E(figures.Section)}\">");
        var counts = Counts(figures);
        double x = 0;
        if (figures.Total == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#eeeeee\"/>");
        }

        for (var i = 0; i < Order.Length && figures.Total > 0; i++)
        {
            var w = width * (double)counts[i] / figures.Total;
            if (w <= 0)
            {
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" width=\"{w:0.##}\" height=\"{height}\" fill=\"{Html.Colors[Order[i]]}\"><title>{Html.E(Html.Labels[Order[i]])}: {counts[i]} ({Html.Percent(figures.Percent(counts[i]))})</title></rect>");
            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The shares over time as stacked areas (0-100%), oldest left; a note when there is not yet any history.</summary>
    public static string History(IReadOnlyList<HistoryPoint> points, int width = 640, int height = 160)
    {
        if (points.Count < 2)
        {
            return "<p>The history chart appears once the figures have been recorded twice.</p>";
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height + 20}\" viewBox=\"0 0 {width} {height + 20}\" role=\"img\" aria-label=\"history\">");
        var first = points[0].At.ToUnixTimeMilliseconds();
        var span = Math.Max(1, points[^1].At.ToUnixTimeMilliseconds() - first);
        double X(HistoryPoint p) => width * (double)(p.At.ToUnixTimeMilliseconds() - first) / span;
        var below = new double[points.Count];
        for (var s = 0; s < Order.Length; s++)
        {
            var top = new double[points.Count];
            for (var i = 0; i < points.Count; i++)
            {
                var f = points[i].Figures;
                top[i] = below[i] + (f.Total == 0 ? 0 : (double)Counts(f)[s] / f.Total);
            }

            var path = new StringBuilder();
            for (var i = 0; i < points.Count; i++)
            {
                path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : "L")}{X(points[i]):0.#},{height * (1 - top[i]):0.#} ");
            }

            for (var i = points.Count - 1; i >= 0; i--)
            {
                path.Append(CultureInfo.InvariantCulture, $"L{X(points[i]):0.#},{height * (1 - below[i]):0.#} ");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}Z\" fill=\"{Html.Colors[Order[s]]}\"><title>{Html.E(Html.Labels[Order[s]])}</title></path>");
            below = top;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height + 15}\" font-size=\"11\">{Html.E(Html.Time(points[0].At))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height + 15}\" font-size=\"11\" text-anchor=\"end\">{Html.E(Html.Time(points[^1].At))}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The colour key of the charts.</summary>
    public static string Legend()
    {
        var html = new StringBuilder("<p>");
        foreach (var status in Order)
        {
            html.Append(Html.Tag(status)).Append(' ');
        }

        return html.Append("</p>").ToString();
    }
}
