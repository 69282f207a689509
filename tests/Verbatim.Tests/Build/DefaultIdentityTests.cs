using Verbatim.Build.Environments;
using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>The default identity gives the sandbox exactly what the fixed identity gave it before identities existed, so existing builds keep their bytes.</summary>
public sealed class DefaultIdentityTests
{
    [Fact]
    public void The_default_identity_gives_the_same_sandbox_as_before()
    {
        using var dir = new TempDir();
        var host = new ResolvedEnvironment("/", null, [], []);
        var applied = AppliedIdentity.Apply(BuildIdentity.Default, host, 1700000000, dir.File("identity"));
        Assert.Equal(
            ["HOME=/tmp/home", "HOSTNAME=verbatim", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LOGNAME=builder", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", "SOURCE_DATE_EPOCH=1700000000", "TMPDIR=/tmp", "TZ=UTC", "USER=builder"],
            applied.Variables.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\nbuilder:x:1000:1000:builder:/tmp/home:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", File.ReadAllText(dir.File("identity/passwd")));
        Assert.Equal("root:x:0:\nbuilder:x:1000:\nnogroup:x:65534:\n", File.ReadAllText(dir.File("identity/group")));
        Assert.Equal("127.0.0.1\tlocalhost\n127.0.1.1\tverbatim\n::1\tlocalhost\n", File.ReadAllText(dir.File("identity/hosts")));
        Assert.Equal("verbatim\n", File.ReadAllText(dir.File("identity/hostname")));
        Assert.Null(applied.CpuList);
        Assert.Empty(applied.ExtraArguments);

        var args = BwrapArguments.For(new SandboxSpec(host, dir.File("ws"), "/build/x", applied, applied.Variables, "make", TimeSpan.FromMinutes(1), 4096, 1000));
        Assert.Equal(["--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--uid", "1000", "--gid", "1000", "--hostname", "verbatim"], args[..10]);
        var proc = args.IndexOf("--proc");
        Assert.Equal(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/tmp/home", "--bind", dir.File("ws"), "/build/x", "--chdir", "/build/x"], args[proc..(proc + 13)]);
        Assert.Equal(["--", "/usr/bin/prlimit", "--nproc=4096", "--fsize=1000", "--core=0", "--", "/bin/sh", "-c", "umask 022 && exec /bin/sh -ec \"$1\"", "verbatim-step", "make"], args[^11..]);
        Assert.DoesNotContain(args, a => a.Contains("uname", StringComparison.Ordinal) || a.Contains("faketime", StringComparison.Ordinal));
    }

    [Fact]
    public void The_uname_wrapper_replaces_only_the_release()
    {
        using var dir = new TempDir();
        var script = dir.Write("uname", UnameOverride.Script("1.2.3-test").Replace(UnameOverride.RealPath, dir.File("real"), StringComparison.Ordinal));
        dir.Write("real", "#!/bin/sh\ncase \"$1\" in -r) echo 6.1.0-real ;; -s) echo Linux ;; *) echo \"Linux host 6.1.0-real #1 SMP 6.1.0-real x86_64\" ;; esac\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(dir.File("real"), (UnixFileMode)0b111_101_101);
        Assert.Equal("1.2.3-test\n", Diff.Exec(script, "-r"));
        Assert.Equal("Linux\n", Diff.Exec(script, "-s"));
        Assert.Equal("Linux host 1.2.3-test #1 SMP 6.1.0-real x86_64\n", Diff.Exec(script, "-a"));
    }
}
