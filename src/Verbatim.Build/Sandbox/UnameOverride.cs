using Verbatim.Build.Environments;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// A kernel release for <c>uname</c>: a small script bound over the environment's <c>uname</c> program that runs the real
/// one (bound at <see cref="RealPath"/>) and puts the identity's release in place of the real one. It changes what the
/// <c>uname</c> command prints (shells, make, configure scripts); programs that call the uname(2) system call directly
/// (Python's <c>os.uname()</c>, CMake) still see the real kernel: nothing in an unprivileged bubblewrap sandbox changes that.
/// </summary>
public static class UnameOverride
{
    public const string RealPath = "/run/verbatim/uname";

    private static readonly string[] Programs = ["usr/bin/uname", "bin/uname"];

    /// <summary>Why a kernel release cannot be shown in the environment (one phrase), or null when it can.</summary>
    public static string? Problem(ResolvedEnvironment environment) =>
        Programs.Any(p => IsOwnFile(environment.Root, p)) ? null : "the environment has no uname program";

    /// <summary>The bwrap arguments that install the override for <paramref name="release"/>, its script written into <paramref name="directory"/>.</summary>
    /// <exception cref="BuildException">The environment has no uname program.</exception>
    public static List<string> Arguments(ResolvedEnvironment environment, string release, string directory)
    {
        var present = Programs.Where(p => IsOwnFile(environment.Root, p)).ToList();
        if (present.Count == 0)
        {
            throw new BuildException($"identity: kernel release {release} cannot be shown: the environment has no uname program");
        }

        var script = Path.Combine(directory, "uname");
        File.WriteAllText(script, Script(release));
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        var args = new List<string> { "--ro-bind", Path.Combine(environment.Root, present[0]), RealPath };
        foreach (var program in present)
        {
            args.AddRange(["--ro-bind", script, "/" + program]);
        }

        return args;
    }

    /// <summary>The wrapper: the real uname's output with the first occurrence of the real release replaced.</summary>
    public static string Script(string release) => $$"""
        #!/bin/sh
        # verbatim: uname as the build identity shows it (kernel release {{release}})
        out=$({{RealPath}} "$@") || exit $?
        real=$({{RealPath}} -r)
        case $out in
          *"$real"*) out="${out%%"$real"*}{{release}}${out#*"$real"}" ;;
        esac
        printf '%s\n' "$out"

        """;

    /// <summary>True when ROOT/RELATIVE is a file reached without passing through a symbolic link (a /bin → usr/bin link is bound as a link).</summary>
    private static bool IsOwnFile(string root, string relative)
    {
        var current = root;
        foreach (var part in relative.Split('/')[..^1])
        {
            current = Path.Combine(current, part);
            if (new DirectoryInfo(current).LinkTarget is not null || !Directory.Exists(current))
            {
                return false;
            }
        }

        return File.Exists(Path.Combine(root, relative));
    }
}
