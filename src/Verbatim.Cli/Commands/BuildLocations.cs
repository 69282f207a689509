using Verbatim.Build.Cache;

namespace Verbatim.Cli.Commands;

/// <summary>Where the build commands keep things, decided from the environment the CLI was given (never by the library).</summary>
internal static class BuildLocations
{
    /// <summary>The cache: <c>VERBATIM_CACHE</c>, else <c>$XDG_CACHE_HOME/verbatim/cas</c>, else <c>~/.cache/verbatim/cas</c>; null when none of them is set.</summary>
    public static ContentStore? Cache(CliContext cli)
    {
        if (cli.Variable("VERBATIM_CACHE") is { Length: > 0 } configured)
        {
            return new ContentStore(configured);
        }

        var cache = cli.Variable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : cli.Variable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        return cache is null ? null : new ContentStore(Path.Combine(cache, "verbatim", "cas"));
    }

    /// <summary>The builder's own signing key when no <c>--key</c> is given: <c>VERBATIM_KEY</c>, else <c>~/.config/verbatim/builder.key</c>; null when neither is set.</summary>
    public static string? DefaultKey(CliContext cli) =>
        cli.Variable("VERBATIM_KEY") is { Length: > 0 } key ? key
        : cli.Variable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config", "verbatim", "builder.key")
        : null;

    /// <summary>Where scratch workspaces go: <c>TMPDIR</c>, else <c>/tmp</c>.</summary>
    public static string Scratch(CliContext cli) => cli.Variable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";

    /// <summary>
    /// The job executors of <c>serve</c>'s in-process worker and of <c>worker</c>: <c>noop</c> and one rebuild executor per
    /// ecosystem, building through <see cref="Cache"/> (or, with neither <c>VERBATIM_CACHE</c> nor a home, a cache under <see cref="Scratch"/>).
    /// </summary>
    public static Verbatim.Worker.Executors.ExecutorRegistry Executors(CliContext cli) =>
        Verbatim.Worker.Executors.ExecutorRegistry.Create(Cache(cli) ?? new ContentStore(Path.Combine(Scratch(cli), "verbatim-cas")));
}
