using Verbatim.Build.Processes;

namespace Verbatim.Build.Environments;

/// <summary>Packs a tree into a byte-stable tar (GNU tar: names sorted, mtimes 0, owners 0:0) and unpacks it again.</summary>
public static class DeterministicTar
{
    /// <summary>Paths whose contents are never packed: the sandbox provides its own.</summary>
    private static readonly string[] Skipped = ["./dev/*", "./proc/*", "./sys/*", "./run/*", "./tmp/*"];

    public static Task PackAsync(string root, string tarFile, CancellationToken cancellationToken = default) =>
        ProcessRunner.CheckedAsync(
            "tar",
            [
                "--create", "--file", tarFile, "--directory", root, "--format=gnu", "--sort=name", "--mtime=@0",
                "--owner=0", "--group=0", "--numeric-owner", "--no-acls", "--no-xattrs", "--no-selinux",
                .. Skipped.Select(s => "--exclude=" + s), ".",
            ],
            cancellationToken: cancellationToken);

    public static Task UnpackAsync(string tarFile, string root, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(root);
        return ProcessRunner.CheckedAsync("tar", ["--extract", "--file", tarFile, "--directory", root, "--preserve-permissions", "--no-same-owner", "--delay-directory-restore"], cancellationToken: cancellationToken);
    }
}
