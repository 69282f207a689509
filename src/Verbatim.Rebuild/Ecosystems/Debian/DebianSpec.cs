using System.Text.RegularExpressions;

namespace Verbatim.Rebuild.Ecosystems.Debian;

/// <summary>A Debian spec: <c>NAME=VERSION</c> (fetched with apt-get source), a <c>.dsc</c> (with its files beside it) or a <c>.buildinfo</c>.</summary>
internal sealed partial record DebianSpec(string? Name, string? Version, string? Dsc, string? Buildinfo)
{
    public static DebianSpec? Parse(string spec)
    {
        if (spec.EndsWith(".dsc", StringComparison.Ordinal))
        {
            return new DebianSpec(null, null, spec, null);
        }

        if (spec.EndsWith(".buildinfo", StringComparison.Ordinal))
        {
            return new DebianSpec(null, null, null, spec);
        }

        var match = NameVersion().Match(spec);
        return match.Success ? new DebianSpec(match.Groups[1].Value, match.Groups[2].Value, null, null) : null;
    }

    /// <summary>A version without its epoch (file names drop it): <c>1:2.3-4</c> → <c>2.3-4</c>.</summary>
    public static string NoEpoch(string version) => version.Contains(':', StringComparison.Ordinal) ? version[(version.IndexOf(':', StringComparison.Ordinal) + 1)..] : version;

    /// <summary>The upstream part of a version: <c>1:2.10-3</c> → <c>2.10</c>.</summary>
    public static string Upstream(string version)
    {
        var v = NoEpoch(version);
        var dash = v.LastIndexOf('-');
        return dash > 0 ? v[..dash] : v;
    }

    [GeneratedRegex(@"^([a-z0-9][a-z0-9+.-]+)=([0-9][A-Za-z0-9.+~:-]*)$")]
    private static partial Regex NameVersion();
}
