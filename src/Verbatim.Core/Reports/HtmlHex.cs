using System.Globalization;
using System.Text;
using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>
/// Differing byte ranges for the HTML report: 16 bytes a row, in 2-byte groups, both sides on the same row with
/// the row's offset, so that rows stay aligned and grouped however the page wraps.
/// </summary>
internal static class HtmlHex
{
    private const int BytesPerRow = 16;

    public static void Write(StringBuilder html, IReadOnlyList<HexRange> ranges)
    {
        html.Append("<table class=\"sbs hex\">");
        foreach (var range in ranges)
        {
            html.Append("<tr class=\"h\"><td class=\"n\"></td><td colspan=\"3\">@0x").Append(range.Offset.ToString("x", CultureInfo.InvariantCulture))
                .Append(CultureInfo.InvariantCulture, $", {range.Length1} and {range.Length2} bytes").Append("</td></tr>");
            var rows = (Math.Max(range.Hex1.Length, range.Hex2.Length) / 2 + BytesPerRow - 1) / BytesPerRow;
            for (var row = 0; row < rows; row++)
            {
                var offset = (range.Offset + (row * BytesPerRow)).ToString("x", CultureInfo.InvariantCulture);
                html.Append("<tr><td class=\"n\">").Append(offset).Append("</td><td class=\"l\">").Append(Row(range.Hex1, row))
                    .Append("</td><td class=\"n\">").Append(offset).Append("</td><td class=\"r\">").Append(Row(range.Hex2, row)).Append("</td></tr>");
            }
        }

        html.Append("</table>\n");
    }

    /// <summary>Row <paramref name="row"/> of a hex string, as space-separated groups of two bytes.</summary>
    private static string Row(string hex, int row)
    {
        var from = row * BytesPerRow * 2;
        if (from >= hex.Length)
        {
            return "";
        }

        var part = hex.AsSpan(from, Math.Min(BytesPerRow * 2, hex.Length - from));
        var text = new StringBuilder(part.Length + 8);
        for (var i = 0; i < part.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(part.Slice(i, Math.Min(4, part.Length - i)));
        }

        return text.ToString();
    }
}
