using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Common.Json;

namespace Verbatim.Rebuild.Recipes;

/// <summary>
/// An inferred recipe, written as the <c>verbatim.yaml</c> a person can read, edit and rerun with <c>verbatim build</c>
/// (every string double-quoted, so no value can change the YAML's structure). <see cref="RecipeLoader"/> reads it back.
/// </summary>
public sealed record InferredRecipe
{
    public required string Comment { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>Null: the host; else the root file system's digest (hex).</summary>
    public string? RootfsDigest { get; init; }

    public IReadOnlyList<string> Mounts { get; init; } = [];

    /// <summary>A number, or null to read it from <c>debian/changelog</c> of the input named <see cref="EpochFromChangelogPath"/>.</summary>
    public long? SourceDateEpoch { get; init; }

    public string? EpochFromChangelogPath { get; init; }

    public required IReadOnlyList<(string Name, string Path, string Sha256, string? Dest)> Inputs { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Tools { get; init; } = [];

    public long TimeoutSeconds { get; init; } = 1800;

    public required IReadOnlyList<(string Name, string Run)> Steps { get; init; }

    public required IReadOnlyList<string> Outputs { get; init; }

    public string ToYaml()
    {
        var y = new StringBuilder();
        foreach (var line in Comment.Split('\n'))
        {
            y.Append("# ").Append(line).Append('\n');
        }

        y.Append("name: ").Append(Q(Name)).Append('\n');
        y.Append("version: ").Append(Q(Version)).Append('\n');
        if (RootfsDigest is null && Mounts.Count == 0)
        {
            y.Append("environment: host\n");
        }
        else
        {
            y.Append("environment:\n");
            y.Append(RootfsDigest is null ? "  host: true\n" : $"  rootfs: {Q("sha256:" + RootfsDigest)}\n");
            if (Mounts.Count > 0)
            {
                y.Append("  mounts: [").Append(string.Join(", ", Mounts.Select(Q))).Append("]\n");
            }
        }

        if (SourceDateEpoch is { } epoch)
        {
            y.Append("source_date_epoch: ").Append(epoch.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        else
        {
            y.Append("source_date_epoch: { from: \"debian-changelog\", path: ").Append(Q(EpochFromChangelogPath ?? "debian/changelog")).Append(" }\n");
        }

        y.Append("inputs:\n");
        foreach (var (name, path, sha256, dest) in Inputs)
        {
            y.Append("  - name: ").Append(Q(name)).Append('\n');
            y.Append("    path: ").Append(Q(path)).Append('\n');
            y.Append("    sha256: ").Append(Q(sha256)).Append('\n');
            if (dest is not null)
            {
                y.Append("    dest: ").Append(Q(dest)).Append('\n');
            }
        }

        if (Env.Count > 0)
        {
            y.Append("env:\n");
            foreach (var (key, value) in Env.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                y.Append("  ").Append(key).Append(": ").Append(Q(value)).Append('\n');
            }
        }

        if (Tools.Count > 0)
        {
            y.Append("tools: [").Append(string.Join(", ", Tools)).Append("]\n");
        }

        y.Append("limits: { timeout: ").Append(TimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
        y.Append("steps:\n");
        foreach (var (name, run) in Steps)
        {
            y.Append("  - name: ").Append(Q(name)).Append('\n');
            y.Append("    run: ").Append(Q(run)).Append('\n');
        }

        y.Append("outputs: [").Append(string.Join(", ", Outputs.Select(Q))).Append("]\n");
        return y.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax is a subset of it).</summary>
    public static string Q(string value) => CanonicalJson.ToText(JsonValue.Create(value), CanonicalJsonStyle.Compact);

    /// <summary>A POSIX shell single-quoted word.</summary>
    public static string Sh(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
