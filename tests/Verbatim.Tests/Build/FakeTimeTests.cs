using Verbatim.Build;
using Verbatim.Build.Environments;
using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>A faked clock uses the environment's own libfaketime, or refuses; it never quietly runs on the real clock.</summary>
public sealed class FakeTimeTests
{
    [Fact]
    public void An_environment_without_libfaketime_refuses_a_faked_clock_and_allows_the_real_one()
    {
        using var dir = new TempDir();
        dir.Write("usr/lib/x86_64-linux-gnu/libc.so.6", "not really");
        var environment = new ResolvedEnvironment(dir.Path, new string('a', 64), [], []);
        Assert.Null(FakeTime.Library(environment));
        Assert.Empty(FakeTime.Variables(BuildClock.Real, environment));
        var error = Assert.Throws<BuildException>(() => FakeTime.Variables(BuildClock.Shifted(TimeSpan.FromHours(-1)), environment));
        Assert.Equal("identity: the clock (real -3600 s) cannot be faked: the environment has no libfaketime (install Debian's faketime package in it)", error.Message);
    }

    [Fact]
    public void The_environments_own_library_is_preloaded_with_the_clock_in_faketime_terms()
    {
        using var dir = new TempDir();
        dir.Write("usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "library");
        var environment = new ResolvedEnvironment(dir.Path, new string('a', 64), [], []);
        var shifted = FakeTime.Variables(BuildClock.Shifted(TimeSpan.FromHours(-1)), environment);
        Assert.Equal("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", shifted["LD_PRELOAD"]);
        Assert.Equal(("-3600", "1"), (shifted["FAKETIME"], shifted["NO_FAKE_STAT"]));
        Assert.False(shifted.ContainsKey("FAKETIME_FMT"));
        var set = FakeTime.Variables(BuildClock.StartingAt(DateTimeOffset.FromUnixTimeSeconds(981173106)), environment);
        Assert.Equal(("@981173106", "%s"), (set["FAKETIME"], set["FAKETIME_FMT"]));
    }
}
