using Verbatim.Build.Cache;
using Verbatim.Build.Inputs;

namespace Verbatim.Build;

/// <summary>Lays the verified inputs out in a fresh workspace: directories merged at their destination, files copied with mode 0644.</summary>
public static class Workspace
{
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
