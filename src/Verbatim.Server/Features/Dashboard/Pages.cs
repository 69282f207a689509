using System.Globalization;
using System.Text;
using Verbatim.Service.Contracts;

namespace Verbatim.Server.Features.Dashboard;

/// <summary>The dashboard's pages, rendered from the same records the API returns.</summary>
internal static class Pages
{
    public static string Home(IReadOnlyList<CollectionSummary> collections)
    {
        var html = new StringBuilder("<h1>Collections</h1>");
        if (collections.Count == 0)
        {
            html.Append("<p>No collection yet: <code>POST /api/v1/collections</code> with an admin token (docs/api.md).</p>");
        }

        html.Append("<table><tr><th>collection</th><th>ecosystem</th><th class=\"n\">packages</th><th class=\"n\">reproducible</th><th>shares</th></tr>");
        foreach (var c in collections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/collections/{Html.U(c.Name)}\">{Html.E(c.Name)}</a></td><td>{Html.E(c.Ecosystem)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{Html.N(c.All.Total)}</td><td class=\"n\">{Html.Percent(c.All.Percent(c.All.Reproducible))}</td><td>{Charts.Bar(c.All, 240, 14)}</td></tr>");
        }

        return Html.Page("Collections", html.Append("</table>").Append(Charts.Legend()).ToString());
    }

    public static string Collection(CollectionDetail detail, WhySummary why, IReadOnlyList<SectionHistory> histories)
    {
        var name = Html.U(detail.Name);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(detail.Name)}</h1><p>{Html.E(detail.Ecosystem)} · {Html.E(detail.Description)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"/collections/{name}/packages\"><input type=\"search\" name=\"q\" placeholder=\"package name\" aria-label=\"search packages\"> ");
        html.Append("<select name=\"status\" aria-label=\"status\"><option value=\"\">any status</option>");
        foreach (var status in PackageStatus.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{status}\">{Html.E(Html.Labels[status])}</option>");
        }

        html.Append("</select> <button type=\"submit\">Search</button></form>");
        html.Append("<h2>Sections</h2><table><tr><th>section</th><th class=\"n\">packages</th>");
        foreach (var status in PackageStatus.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"n\">{Html.E(Html.Labels[status])}</th>");
        }

        html.Append("<th>shares</th></tr>");
        foreach (var section in detail.Sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"section-{Html.E(section.Section)}\"><td>{Html.E(section.Section)}</td><td class=\"n\">{Html.N(section.Total)}</td>");
            var counts = Charts.Counts(section);
            for (var i = 0; i < counts.Length; i++)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<td class=\"n\" data-status=\"{PackageStatus.All[i]}\"><a href=\"/collections/{name}/packages?status={PackageStatus.All[i]}\">{Html.N(counts[i])}</a> <span class=\"share\">{Html.Percent(section.Percent(counts[i]))}</span></td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{Charts.Bar(section, 240, 14)}</td></tr>");
        }

        html.Append("</table>").Append(Charts.Legend());
        html.Append("<h2>History</h2>");
        foreach (var history in histories)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"history-{Html.E(history.Section)}\" class=\"history\"><h3>{Html.E(history.Section)}</h3>").Append(Charts.History(history.Points)).Append("</section>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>Why not reproducible</h2><p>{Html.N(why.NotReproducible)} package(s) not reproducible; the causes the diff engine found in their latest results:</p>");
        if (why.Causes.Count > 0)
        {
            html.Append("<table id=\"why\"><tr><th>cause</th><th class=\"n\">packages</th></tr>");
            foreach (var cause in why.Causes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.E(cause.Cause)}</td><td class=\"n\">{Html.N(cause.Packages)}</td></tr>");
            }

            html.Append("</table>");
        }

        return Html.Page(detail.Name, html.ToString());
    }

    public static string PackageList(PackagePage page, string ecosystem)
    {
        var name = Html.U(page.Collection);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1><a href=\"/collections/{name}\">{Html.E(page.Collection)}</a>: packages</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"/collections/{name}/packages\"><input type=\"search\" name=\"q\" value=\"{Html.E(page.Query)}\" aria-label=\"search packages\"> ");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"status\" value=\"{Html.E(page.Status)}\"><button type=\"submit\">Search</button></form>");
        html.Append("<nav class=\"filter\">");
        foreach (var status in PackageStatus.All.Prepend(""))
        {
            var label = status.Length == 0 ? "any status" : Html.Labels[status];
            html.Append(status == (page.Status ?? "") ? $"<b>{Html.E(label)}</b> " : $"<a href=\"/collections/{name}/packages?q={Html.U(page.Query ?? "")}&amp;status={status}\">{Html.E(label)}</a>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</nav><p>{Html.N(page.Total)} package(s)</p><table id=\"packages\"><tr><th>package</th><th>version</th><th>status</th><th>updated</th></tr>");
        foreach (var row in page.Packages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/packages/{Html.U(ecosystem)}/{Html.U(row.Name)}\">{Html.E(row.Name)}</a></td><td>{Html.E(row.Version)}</td><td>{Html.Tag(row.Status)}</td><td>{Html.Time(row.UpdatedAt)}</td></tr>");
        }

        html.Append("</table><nav class=\"pages\">");
        var pages = (int)Math.Max(1, (page.Total + page.PageSize - 1) / page.PageSize);
        string Link(int p) => $"/collections/{name}/packages?q={Html.U(page.Query ?? "")}&amp;status={Html.U(page.Status ?? "")}&amp;page={p}";
        if (page.Page > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Link(page.Page - 1)}\" rel=\"prev\">previous</a>");
        }

        html.Append(CultureInfo.InvariantCulture, $"page {page.Page} of {pages} ");
        if (page.Page < pages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Link(page.Page + 1)}\" rel=\"next\">next</a>");
        }

        return Html.Page(page.Collection + " packages", html.Append("</nav>").ToString());
    }

    public static string Package(PackageDetail detail)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(detail.Name)}</h1><p>ecosystem {Html.E(detail.Ecosystem)}</p>");
        foreach (var version in detail.Versions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Html.E(version.Version)} in <a href=\"/collections/{Html.U(version.Collection)}\">{Html.E(version.Collection)}</a> {Html.Tag(version.Status)}</h2>");
            if (version.Results.Count == 0)
            {
                html.Append("<p>No result yet.</p>");
                continue;
            }

            html.Append("<table class=\"results\"><tr><th>recorded</th><th>verdict</th><th>digests</th><th>causes</th><th>signed by</th><th>evidence</th></tr>");
            foreach (var r in version.Results)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Time(r.RecordedAt)}<br>job {r.JobId}</td><td>{Html.Tag(Storage.SqlStore.StatusOf(r.Verdict))}<br>{Html.E(r.Detail)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>reference <code>{Html.E(r.ReferenceDigest)}</code><br>rebuilt <code>{Html.E(r.RebuiltDigest)}</code></td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{Html.E(string.Join(", ", r.Causes))}{(r.Normalizations.Count > 0 ? "<br>normalized: " + Html.E(string.Join(", ", r.Normalizations)) : "")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{Html.E(r.Worker)}<br><code>{Html.E(r.KeyId[..Math.Min(16, r.KeyId.Length)])}</code></td><td><a href=\"{r.AttestationUrl}\" download>attestation</a>");
                if (r.BuildRecordUrl is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><a href=\"{r.BuildRecordUrl}\">build record</a>");
                }

                if (r.DiffUrl is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><a href=\"{r.DiffUrl}\" class=\"diff\">diff report</a>");
                }

                html.Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return Html.Page(detail.Name, html.ToString());
    }
}
