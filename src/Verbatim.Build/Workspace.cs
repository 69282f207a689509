using Verbatim.Build.Cache;
using System.Globalization;
using Verbatim.Build.Inputs;
using Verbatim.Build.Processes;
using Verbatim.Build.Sandbox;

namespace Verbatim.Build;

/// <summary>Lays the verified inputs out in a fresh workspace: directories merged at their destination, files copied with mode 0644.</summary>
public static class Workspace
{
    /// <summary>Hands the workspace to the sandbox's unprivileged host user when Verbatim runs as root (see <see cref="HostUser.UnprivilegedId"/>).</summary>
    public static async Task HandOverAsync(string workspace, CancellationToken cancellationToken)
    {
        if (HostUser.DropsPrivileges)
        {
            var id = HostUser.UnprivilegedId.ToString(CultureInfo.InvariantCulture);
            await ProcessRunner.CheckedAsync("chown", ["-R", "--no-dereference", id + ":" + id, workspace], cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public static void Populate(string workspace, IEnumerable<ResolvedInput> inputs)
    {
        Directory.CreateDirectory(workspace);
        File.SetUnixFileMode(workspace, (UnixFileMode)0b111_101_101);
        foreach (var input in inputs)
        {
            var target = Path.GetFullPath(Path.Combine(workspace, input.Destination));
            if (!(target + "/").StartsWith(workspace + "/", StringComparison.Ordinal))
            {
                throw new BuildException($"input '{input.Input.Name}': destination {input.Destination} is outside the workspace");
            }

            if (input.IsDirectory)
            {
                foreach (var clash in Clashes(input.CachePath, target))
                {
                    throw new BuildException($"input '{input.Input.Name}' would overwrite {Path.GetRelativePath(workspace, clash)} in the workspace");
                }

                TreeCopy.CopyContents(input.CachePath, target);
            }
            else
            {
                if (Path.Exists(target))
                {
                    throw new BuildException($"input '{input.Input.Name}' would overwrite {input.Destination} in the workspace");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(input.CachePath, target);
                File.SetUnixFileMode(target, (UnixFileMode)0b110_100_100);
            }
        }
    }

    private static IEnumerable<string> Clashes(string source, string target) =>
        !Directory.Exists(target)
            ? []
            : Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(f => Path.Combine(target, Path.GetRelativePath(source, f)))
                .Where(Path.Exists);
}
