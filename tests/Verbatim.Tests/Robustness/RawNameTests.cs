using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Names that are not UTF-8 are read through their raw bytes, compared correctly and shown escaped.</summary>
public class RawNameTests
{
    [Fact]
    public void Identical_trees_with_a_name_that_is_not_utf8_are_identical()
    {
        using var dir = new TempDir();
        var made = Fixtures.Shell($"cd '{dir.Path}' && mkdir a b && printf 'x\\n' > a/$'\\xff\\xfe.txt' && printf 'x\\n' > b/$'\\xff\\xfe.txt'");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal(0, InProcessCli.Run("diff", dir.File("a"), dir.File("b")).ExitCode);
    }

    [Fact]
    public void Different_contents_under_such_a_name_are_shown_with_the_name_escaped()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Fixtures.Shell($"cd '{dir.Path}' && mkdir a b && printf 'x\\n' > a/$'n\\xff' && printf 'y\\n' > b/$'n\\xff'").ExitCode);
        var result = InProcessCli.Run("diff", dir.File("a"), dir.File("b"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("n\\xff [text]", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("+y", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_that_is_not_utf8_names_the_existing_file()
    {
        using var dir = new TempDir();
        var result = Fixtures.Shell($"cd '{dir.Path}' && printf 'x\\n' > $'a\\xff' && printf 'y\\n' > $'b\\xff' && $V diff $'a\\xff' $'b\\xff'");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("+y", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--- a\\xff", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, Fixtures.Shell($"cd '{dir.Path}' && cp $'a\\xff' $'c\\xff' && $V diff $'a\\xff' $'c\\xff'").ExitCode);
    }
}
