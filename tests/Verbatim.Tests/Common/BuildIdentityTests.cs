using Verbatim.Common.Identity;

namespace Verbatim.Tests.Common;

public sealed class BuildIdentityTests
{
    [Fact]
    public void The_default_is_the_fixed_identity_builds_always_had()
    {
        var d = BuildIdentity.Default;
        Assert.Equal(("builder", 1000, "builder", 1000), (d.UserName, d.UserId, d.GroupName, d.GroupId));
        Assert.Equal(("verbatim", null, "/tmp/home", 18), (d.HostName, d.DomainName, d.Home, d.Umask));
        Assert.Equal(("UTC", "C.UTF-8"), (d.TimeZone, d.Locale));
        Assert.True(d.Clock.IsReal);
        Assert.Equal("/build/hello", d.WorkspacePath("hello"));
        Assert.Null(d.Problem());
        Assert.Equal(d, new BuildIdentity());
        Assert.NotEqual(d, d with { ExtraVariables = new Dictionary<string, string> { ["A"] = "1" } });
    }

    [Theory]
    [InlineData("user name 'Bad User' is not a valid account name")]
    [InlineData("id 0 is root's and root's alone")]
    [InlineData("host name 'a_b' is not a DNS label")]
    [InlineData("home and the build path must be absolute paths without '..'")]
    [InlineData("the CPU count must be at least 1")]
    [InlineData("kernel release '6.1 x' may hold only letters, digits, '.', '_', '+', '~' and '-'")]
    [InlineData("extra variable TZ is set by the identity itself")]
    [InlineData("the umask must be between 000 and 777 (octal)")]
    public void Identities_that_cannot_be_applied_say_why(string expected)
    {
        var d = BuildIdentity.Default;
        var bad = expected switch
        {
            _ when expected.StartsWith("user name", StringComparison.Ordinal) => d with { UserName = "Bad User" },
            _ when expected.StartsWith("id 0", StringComparison.Ordinal) => d with { UserId = 0 },
            _ when expected.StartsWith("host name", StringComparison.Ordinal) => d with { HostName = "a_b" },
            _ when expected.StartsWith("home", StringComparison.Ordinal) => d with { BuildPath = "/build/../etc" },
            _ when expected.StartsWith("the CPU", StringComparison.Ordinal) => d with { CpuCount = 0 },
            _ when expected.StartsWith("kernel", StringComparison.Ordinal) => d with { KernelRelease = "6.1 x" },
            _ when expected.StartsWith("extra", StringComparison.Ordinal) => d with { ExtraVariables = new Dictionary<string, string> { ["TZ"] = "x" } },
            _ => d with { Umask = 512 },
        };
        Assert.Equal(expected, bad.Problem());
    }

    [Theory]
    [InlineData("/usr/src/x", "/usr/src/x is inside /usr, which the sandbox provides itself")]
    [InlineData("/proc", "/proc is inside /proc, which the sandbox provides itself")]
    [InlineData("/usrlocal/x", null)]
    public void The_build_path_cannot_be_where_the_sandbox_mounts_its_own(string path, string? expected) =>
        Assert.Equal(expected, (BuildIdentity.Default with { BuildPath = path }).Problem());

    [Fact]
    public void Extra_variables_are_a_copy_of_what_was_given()
    {
        var given = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" };
        var identity = BuildIdentity.Default with { ExtraVariables = given };
        given["C"] = "3";
        Assert.Equal(["A", "B"], identity.ExtraVariables.Keys);
        Assert.Empty(BuildIdentity.Default.ExtraVariables);
    }

    [Fact]
    public void Clocks_are_real_shifted_or_set_and_say_which()
    {
        Assert.Equal("real", BuildClock.Real.ToString());
        Assert.Equal("real -3600 s", BuildClock.Shifted(TimeSpan.FromHours(-1)).ToString());
        Assert.Equal("from 2001-02-03T04:05:06Z", BuildClock.StartingAt(new DateTimeOffset(2001, 2, 3, 5, 5, 6, TimeSpan.FromHours(1))).ToString());
        Assert.Throws<ArgumentException>(() => BuildClock.Shifted(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal(BuildClock.Shifted(TimeSpan.FromDays(1)), BuildClock.Shifted(TimeSpan.FromDays(1)));
    }
}
