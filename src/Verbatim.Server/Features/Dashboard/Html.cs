using System.Globalization;
using System.Net;
using System.Text;

namespace Verbatim.Server.Features.Dashboard;

/// <summary>The dashboard's page frame (inline style, no script, no external asset) and its small helpers.</summary>
internal static class Html
{
    public static readonly IReadOnlyDictionary<string, string> Colors = new Dictionary<string, string>
    {
        ["reproducible"] = "#2e7d32",
        ["equivalent-after-normalization"] = "#81c784",
        ["not-reproducible"] = "#c62828",
        ["failed"] = "#6d4c41",
        ["pending"] = "#bdbdbd",
    };

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["reproducible"] = "reproducible",
        ["equivalent-after-normalization"] = "equivalent after normalization",
        ["not-reproducible"] = "not reproducible",
        ["failed"] = "failed",
        ["pending"] = "pending",
    };

    private const string Style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#212121;background:#fafafa}
        header{background:#263238;color:#fff;padding:.6em 1.2em}header a{color:#fff;text-decoration:none;font-weight:600}
        main{padding:1em 1.2em;max-width:72em}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
        table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #e0e0e0;text-align:left}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}code{font-size:.9em;word-break:break-all}
        .tag{display:inline-block;padding:0 .45em;border-radius:.3em;color:#fff;font-size:.85em}
        .pending{color:#212121}form{margin:.8em 0}input,select,button{font:inherit;padding:.2em .4em}
        nav.pages a,nav.filter a{margin-right:.8em}svg{display:block;margin:.4em 0}
        """;

    public static string Page(string title, string body)
    {
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(E(title)).Append(" · Verbatim</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><a href=\"/\">Verbatim</a> · rebuilds, verdicts and their causes</header><main>");
        html.Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>HTML-encoded text.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A URL path segment or query value.</summary>
    public static string U(string text) => Uri.EscapeDataString(text);

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Tag(string status) =>
        $"<span class=\"tag {E(status)}\" style=\"background:{Colors.GetValueOrDefault(status, "#9e9e9e")}\">{E(Labels.GetValueOrDefault(status, status))}</span>";

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
