using Verbatim.Build.Cache;
using Verbatim.Build.Hashing;
using Verbatim.Common.Digests;
using Verbatim.Common.Records;
using Verbatim.Core.Native;

namespace Verbatim.Build.Outputs;

/// <summary>
/// Collects the declared outputs from the workspace into the output directory: every pattern must match, only regular
/// files are taken, a symbolic link is refused unless it resolves to a regular file inside the workspace.
/// </summary>
public static class OutputCollector
{
    public static IReadOnlyList<OutputSubject> Collect(string workspace, IReadOnlyList<string> patterns, string outDir)
    {
        var root = Path.GetFullPath(workspace).TrimEnd('/') + "/";
        var entries = Walk(root, "").ToList();
        var chosen = new SortedSet<string>(Utf8Order.Instance);
        foreach (var pattern in patterns)
        {
            var regex = Glob.ToRegex(pattern);
            var matches = entries.Where(e => regex.IsMatch(e)).ToList();
            if (matches.Count == 0)
            {
                throw new BuildException($"output pattern '{pattern}' matched no file in the workspace");
            }

            chosen.UnionWith(matches);
        }

        var subjects = new List<OutputSubject>();
        foreach (var name in chosen)
        {
            var source = Resolve(root, name);
            var target = Path.Combine(outDir, name);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            TreeCopy.Delete(target);
            File.Copy(source, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(source) & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
            subjects.Add(new OutputSubject(name, Sha256Digest.OfFile(target), new FileInfo(target).Length));
        }

        return subjects;
    }

    /// <summary>The total bytes of the regular files in the workspace (links and directories not counted).</summary>
    public static long Size(string workspace) =>
        new DirectoryInfo(workspace).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
            .Where(f => f.LinkTarget is null).Sum(f => f.Length);

    /// <summary>Every file or link below the root, as relative '/'-separated paths; directory links are not followed.</summary>
    private static IEnumerable<string> Walk(string root, string prefix)
    {
        foreach (var entry in new DirectoryInfo(Path.Combine(root, prefix)).EnumerateFileSystemInfos())
        {
            var relative = prefix + entry.Name;
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                foreach (var inner in Walk(root, relative + "/"))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return relative;
            }
        }
    }

    private static bool ThroughLinkedDirectory(string root, string path)
    {
        var parts = path[root.Length..].Split('/');
        var current = root;
        foreach (var part in parts[..^1])
        {
            current = Path.Combine(current, part);
            if (new DirectoryInfo(current).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static string Resolve(string root, string name)
    {
        var path = Path.Combine(root, name);
        var info = new FileInfo(path);
        if (info.LinkTarget is { } link)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (final is null || !final.StartsWith(root, StringComparison.Ordinal) || !File.Exists(final) || ThroughLinkedDirectory(root, final))
            {
                throw new BuildException($"output '{name}' is a symbolic link to {link}, outside the workspace: refused");
            }

            path = final;
        }

        if (FileStatus.Of(path) is { } status && status.Type != FileStatus.Regular)
        {
            throw new BuildException($"output '{name}' is not a regular file: refused");
        }

        return path;
    }
}
