using Verbatim.Check.Variations;

namespace Verbatim.Tests.Check;

/// <summary><c>--variations</c> in reprotest's spelling.</summary>
public sealed class VariationSelectionTests
{
    [Theory]
    [InlineData(null, 14)]
    [InlineData("all", 14)]
    [InlineData("-all", 0)]
    [InlineData("+time,-user_group", 13)]
    [InlineData("-all,+time,+umask", 2)]
    [InlineData("time,umask", 2)]
    [InlineData("all,-time,-umask,-kernel", 11)]
    public void Selects_as_reprotest_does(string? text, int count) =>
        Assert.Equal(count, VariationSelection.Parse(text).Count);

    [Fact]
    public void Keeps_the_registry_order_and_names_reprotest_uses()
    {
        Assert.Equal(["time", "umask"], VariationSelection.Parse("umask,time").Select(v => v.Name));
        Assert.Equal(
            ["environment", "build_path", "kernel", "aslr", "num_cpus", "time", "user_group", "fileordering", "domain_host", "home", "locales", "exec_path", "timezone", "umask"],
            VariationRegistry.All.Select(v => v.Name));
    }

    [Fact]
    public void Refuses_an_unknown_name() =>
        Assert.Contains("unknown variation 'clock'", Assert.Throws<ArgumentException>(() => VariationSelection.Parse("+clock")).Message, StringComparison.Ordinal);
}
