using System.Globalization;
using System.Runtime.InteropServices;
using Verbatim.Build.Environments;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// A faked clock through libfaketime (Debian's <c>faketime</c> package): <c>LD_PRELOAD</c> of the environment's own
/// library, <c>FAKETIME</c> (<c>+N</c>/<c>-N</c> seconds for a shifted clock; <c>@EPOCH</c> with
/// <c>FAKETIME_FMT=%s</c> for a set one, which every process starts at), and <c>NO_FAKE_STAT=1</c> so file times stay real.
/// </summary>
public static class FakeTime
{
    /// <summary>The library's path inside the environment, or null when the environment has no libfaketime.</summary>
    public static string? Library(ResolvedEnvironment environment)
    {
        var lib = Path.Combine(environment.Root, "usr", "lib");
        if (!Directory.Exists(lib))
        {
            return null;
        }

        var found = Directory.EnumerateDirectories(lib)
            .Select(d => Path.Combine(d, "faketime", "libfaketime.so.1"))
            .Append(Path.Combine(lib, "faketime", "libfaketime.so.1"))
            .Where(File.Exists)
            .Select(p => "/" + Path.GetRelativePath(environment.Root, p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        var triplet = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "/x86_64-linux-gnu/",
            Architecture.Arm64 => "/aarch64-linux-gnu/",
            _ => "/",
        };
        return found.FirstOrDefault(p => p.Contains(triplet, StringComparison.Ordinal)) ?? found.FirstOrDefault();
    }

    /// <summary>The variables that fake <paramref name="clock"/>; empty for the real clock.</summary>
    /// <exception cref="BuildException">The clock is faked and the environment has no libfaketime.</exception>
    public static IReadOnlyDictionary<string, string> Variables(BuildClock clock, ResolvedEnvironment environment)
    {
        if (clock.IsReal)
        {
            return new Dictionary<string, string>();
        }

        var library = Library(environment)
            ?? throw new BuildException($"identity: the clock ({clock}) cannot be faked: the environment has no libfaketime (install Debian's faketime package in it)");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LD_PRELOAD"] = library,
            ["NO_FAKE_STAT"] = "1",
        };
        if (clock.Offset is { } offset)
        {
            var seconds = (long)offset.TotalSeconds;
            variables["FAKETIME"] = (seconds < 0 ? "-" : "+") + Math.Abs(seconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            variables["FAKETIME"] = "@" + clock.Start!.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            variables["FAKETIME_FMT"] = "%s";
        }

        return variables;
    }
}
