using System.Text.RegularExpressions;

namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>An npm spec: <c>NAME@VERSION</c> (a registry package, scoped or not) or a package source directory.</summary>
internal sealed partial record NpmSpec(string? Name, string? Version, string? Directory)
{
    public static NpmSpec? Parse(string spec)
    {
        var match = NameAtVersion().Match(spec);
        if (match.Success)
        {
            return new NpmSpec(match.Groups["name"].Value, match.Groups["version"].Value, null);
        }

        return spec.Length > 0 && (spec.Contains('/', StringComparison.Ordinal) || spec == "." || spec == "..") && !spec.Contains('\0', StringComparison.Ordinal)
            ? new NpmSpec(null, null, spec)
            : null;
    }

    /// <summary>A file-system-safe form of a package name: <c>@scope/name</c> becomes <c>scope-name</c>.</summary>
    public static string SafeName(string name) => name.TrimStart('@').Replace('/', '-');

    [GeneratedRegex(@"^(?<name>(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*)@(?<version>[0-9][0-9A-Za-z.+-]*)$")]
    private static partial Regex NameAtVersion();
}
