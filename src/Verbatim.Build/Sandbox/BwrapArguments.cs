using System.Globalization;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// The bubblewrap command line for one step: all namespaces unshared (user, PID, network, IPC, UTS, cgroup), a cleared
/// environment, the toolchain read-only, only the workspace and a private /tmp writable, limits applied inside by prlimit.
/// </summary>
public static class BwrapArguments
{
    /// <summary>The host's /etc entries a host-environment step can read (toolchain configuration only).</summary>
    private static readonly string[] HostEtc =
    [
        "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "dpkg", "os-release", "debian_version",
        "perl", "mime.types", "gss", "xml", "sgml", "texmf", "dotnet", "gcc", "python3",
    ];

    /// <summary>Top-level names a root file system never provides: the sandbox makes its own.</summary>
    private static readonly HashSet<string> NotFromRootfs = new(StringComparer.Ordinal) { "dev", "proc", "sys", "tmp", "run", "build", "home", "root", "boot", "media", "mnt", "srv", "lost+found" };

    public static List<string> For(SandboxSpec spec)
    {
        var args = new List<string>
        {
            "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--uid", spec.Identity.Identity.UserId.ToString(CultureInfo.InvariantCulture), "--gid", spec.Identity.Identity.GroupId.ToString(CultureInfo.InvariantCulture),
            "--hostname", spec.Identity.Identity.HostName,
        };
        if (spec.Environment.IsHost)
        {
            AddHost(args);
        }
        else
        {
            AddRootfs(args, spec.Environment.Root);
        }

        foreach (var name in IdentityFiles.Names)
        {
            if (spec.Environment.IsHost || File.Exists(Path.Combine(spec.Environment.Root, "etc", name)))
            {
                args.AddRange(["--ro-bind", Path.Combine(spec.Identity.FilesDirectory, name), "/etc/" + name]);
            }
        }

        foreach (var mount in spec.Environment.Mounts)
        {
            args.AddRange(["--ro-bind", mount, mount]);
        }

        args.AddRange(spec.Identity.ExtraArguments);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", spec.Identity.Identity.Home]);
        args.AddRange(["--bind", spec.Workspace, spec.WorkspacePath, "--chdir", spec.WorkspacePath]);
        foreach (var (key, value) in spec.Variables)
        {
            args.AddRange(["--setenv", key, value]);
        }

        args.AddRange(
        [
            "--", "/usr/bin/prlimit",
            "--nproc=" + spec.Processes.ToString(CultureInfo.InvariantCulture),
            "--fsize=" + spec.FileSizeBytes.ToString(CultureInfo.InvariantCulture),
            "--core=0",
            "--", "/bin/sh", "-c", $"umask {spec.Identity.UmaskText} && exec /bin/sh -ec \"$1\"", "verbatim-step", spec.Command,
        ]);
        return args;
    }

    private static void AddHost(List<string> args)
    {
        args.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var name in new[] { "bin", "sbin", "lib", "lib32", "lib64", "libx32" })
        {
            AddTopLevel(args, "/" + name, "/" + name);
        }

        foreach (var name in HostEtc)
        {
            var path = "/etc/" + name;
            if (Path.Exists(path))
            {
                args.AddRange(["--ro-bind", path, path]);
            }
        }
    }

    private static void AddRootfs(List<string> args, string root)
    {
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!NotFromRootfs.Contains(entry.Name))
            {
                AddTopLevel(args, entry.FullName, "/" + entry.Name);
            }
        }
    }

    private static void AddTopLevel(List<string> args, string source, string target)
    {
        var info = new FileInfo(source);
        if (info.LinkTarget is { } link)
        {
            args.AddRange(["--symlink", link, target]);
        }
        else if (System.IO.Directory.Exists(source))
        {
            args.AddRange(["--ro-bind", source, target]);
        }
    }
}
