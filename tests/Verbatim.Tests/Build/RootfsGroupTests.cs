using Verbatim.Build.Environments;
using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>In a root file system, the sandbox's /etc/group keeps the system's own groups (a Debian build may chown to root:staff).</summary>
public sealed class RootfsGroupTests
{
    [Fact]
    public void A_root_file_systems_system_groups_follow_the_identitys_unless_they_collide()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("root/etc"));
        dir.Write("root/etc/group", "root:x:0:\nadm:x:4:someone\nstaff:x:50:\nusers:x:1000:\nnogroup:x:65534:\n");
        var rootfs = new ResolvedEnvironment(dir.File("root"), new string('a', 64), [], []);

        AppliedIdentity.Apply(BuildIdentity.Default, rootfs, 1700000000, dir.File("identity"));

        Assert.Equal("root:x:0:\nbuilder:x:1000:\nnogroup:x:65534:\nadm:x:4:\nstaff:x:50:\n", File.ReadAllText(dir.File("identity/group")));
    }
}
