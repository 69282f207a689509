using Verbatim.Build.Processes;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// A file-system order for the steps: the workspace is mounted through disorderfs (Debian package <c>disorderfs</c>, a
/// FUSE file system) with its listings reversed or shuffled, and that mount is what the sandbox binds. As root the
/// mount is multi-user (<c>-o allow_other</c>), so the sandbox's unprivileged host user reaches it and the files it
/// makes are its own.
/// </summary>
public static class DisorderFs
{
    private static readonly string[] Programs = ["/usr/bin/disorderfs", "/usr/local/bin/disorderfs", "/bin/disorderfs"];

    private static string? Program => Programs.FirstOrDefault(File.Exists);

    /// <summary>Why a file-system order cannot be applied on this machine (one phrase), or null when it can.</summary>
    public static string? Problem() =>
        Program is null ? "disorderfs is not installed (Debian package disorderfs)"
        : !Path.Exists("/dev/fuse") ? "/dev/fuse is missing (FUSE is not available)"
        : null;

    /// <summary>Mounts <paramref name="source"/> at <paramref name="mountPoint"/> in <paramref name="order"/>; disposing the result unmounts it.</summary>
    /// <exception cref="BuildException">disorderfs is missing or the mount failed.</exception>
    public static async Task<IAsyncDisposable> MountAsync(string source, string mountPoint, FileOrder order, CancellationToken cancellationToken)
    {
        if (Problem() is { } problem)
        {
            throw new BuildException("identity: the file-system order cannot be applied: " + problem);
        }

        Directory.CreateDirectory(mountPoint);
        var arguments = new List<string> { "--quiet" };
        if (HostUser.DropsPrivileges)
        {
            arguments.AddRange(["--multi-user=yes", "-o", "allow_other"]);
        }

        arguments.Add(order == FileOrder.Shuffled ? "--shuffle-dirents=yes" : "--reverse-dirents=yes");
        arguments.Add(order == FileOrder.Shuffled ? "--reverse-dirents=no" : "--shuffle-dirents=no");
        arguments.AddRange([source, mountPoint]);
        var result = await ProcessRunner.RunAsync(Program!, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new BuildException($"identity: disorderfs could not mount the workspace: {OutputTail.OneLine(result.StdErr + "\n" + result.StdOut)}");
        }

        return new Mount(mountPoint);
    }

    private sealed class Mount(string mountPoint) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // The sandbox's processes are gone (PID namespace), so nothing keeps the mount busy; lazily as a last resort.
            foreach (var (program, arguments) in new (string, string[])[] { ("fusermount3", ["-u", mountPoint]), ("fusermount", ["-u", mountPoint]), ("umount", ["-l", mountPoint]) })
            {
                try
                {
                    if ((await ProcessRunner.RunAsync(program, arguments).ConfigureAwait(false)).ExitCode == 0)
                    {
                        break;
                    }
                }
                catch (BuildException)
                {
                    // That unmounting program is not installed: try the next.
                }
            }

            try
            {
                Directory.Delete(mountPoint);
            }
            catch (IOException)
            {
                // Still mounted: leave the empty mount point; the scratch clean-up reports nothing either.
            }
        }
    }
}
