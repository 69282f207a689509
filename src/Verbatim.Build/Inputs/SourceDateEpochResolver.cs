using System.Globalization;
using Verbatim.Build.Recipes;

namespace Verbatim.Build.Inputs;

/// <summary>Chooses SOURCE_DATE_EPOCH: the recipe's number, a git input's commit time, or a Debian changelog's latest entry.</summary>
public static class SourceDateEpochResolver
{
    public static long Resolve(EpochSource source, IReadOnlyList<ResolvedInput> inputs)
    {
        if (source.Fixed is { } value)
        {
            return value;
        }

        if (source.From == "git")
        {
            var git = Pick(inputs, source.Input, i => i.CommitTime is not null, "a git input");
            return git.CommitTime ?? throw new BuildException($"source_date_epoch: input '{git.Input.Name}' is not a git input");
        }

        var relative = source.Path ?? "debian/changelog";
        var holder = Pick(inputs, source.Input, i => i.IsDirectory && File.Exists(Path.Combine(i.CachePath, relative)), $"an input holding {relative}");
        var changelog = Path.Combine(holder.CachePath, relative);
        if (!holder.IsDirectory || !File.Exists(changelog))
        {
            throw new BuildException($"source_date_epoch: input '{holder.Input.Name}' has no {relative}");
        }

        return FromChangelog(File.ReadLines(changelog)) ?? throw new BuildException($"source_date_epoch: no dated trailer line (' -- Name <mail>  DATE') in {relative} of input '{holder.Input.Name}'");
    }

    /// <summary>The date of the first (newest) trailer line of a Debian changelog, in Unix seconds.</summary>
    public static long? FromChangelog(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith(" -- ", StringComparison.Ordinal))
            {
                continue;
            }

            var at = line.IndexOf(">  ", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var text = line[(at + 3)..].Trim();
            var zone = text.LastIndexOf(' ');
            if (zone < 0 || !DateTime.TryParseExact(text[..zone], ["ddd, d MMM yyyy HH:mm:ss", "ddd, dd MMM yyyy HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                || !TryOffset(text[(zone + 1)..], out var offset))
            {
                return null;
            }

            return new DateTimeOffset(local, offset).ToUnixTimeSeconds();
        }

        return null;
    }

    private static bool TryOffset(string text, out TimeSpan offset)
    {
        offset = default;
        if (text.Length != 5 || text[0] is not ('+' or '-') || !int.TryParse(text[1..3], CultureInfo.InvariantCulture, out var h) || !int.TryParse(text[3..], CultureInfo.InvariantCulture, out var m))
        {
            return false;
        }

        offset = new TimeSpan(h, m, 0) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static ResolvedInput Pick(IReadOnlyList<ResolvedInput> inputs, string? name, Func<ResolvedInput, bool> fits, string what) =>
        name is not null
            ? inputs.FirstOrDefault(i => i.Input.Name == name) ?? throw new BuildException($"source_date_epoch: there is no input named '{name}'")
            : inputs.FirstOrDefault(fits) ?? throw new BuildException($"source_date_epoch: the recipe has no {what}");
}
