using System.Diagnostics;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

public class TimeoutAndReasonTests
{
    [Fact]
    public void Member_timeout_applies_to_top_level_text_which_is_then_compared_as_bytes()
    {
        using var dir = new TempDir();
        var random = new Random(7);
        string Lines() => string.Join("", Enumerable.Range(0, 300_000).Select(_ => random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"));
        var a = dir.Write("a.txt", Lines());
        var b = dir.Write("b.txt", Lines());

        // The text diff of these takes hundreds of milliseconds at least (it is fast now, so the CLI's smallest
        // timeout of 1 s may not be reached); a 20 ms timeout through the engine is passed on every machine.
        var result = Diff.Run(a, b, new DiffOptions { MemberTimeout = TimeSpan.FromMilliseconds(20) });
        Assert.False(result.Identical);
        var report = result.Text();
        Assert.Contains("(--member-timeout); compared as bytes", report, StringComparison.Ordinal);
        Assert.Contains("bytes differ", report, StringComparison.Ordinal);
    }

    [Fact]
    public void An_elf_with_an_absurd_extended_section_count_gets_a_reason_written_for_people()
    {
        using var dir = new TempDir();
        var a = dir.Write("a", Fixtures.ElfWithHugeExtendedSectionCount(1));
        var b = dir.Write("b", Fixtures.ElfWithHugeExtendedSectionCount(2));
        var result = Diff.Run(a, b);
        var comment = Assert.Single(result.Root!.Comments, c => c.StartsWith("unreadable as elf", StringComparison.Ordinal));
        Assert.Equal("unreadable as elf: section header table: section 0 declares 18446744073709551615 sections (extended numbering), more than the file's 128 bytes can hold; compared as bytes", comment);
    }

    [Theory]
    [InlineData(typeof(ArgumentOutOfRangeException))]
    [InlineData(typeof(OverflowException))]
    [InlineData(typeof(IndexOutOfRangeException))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(InvalidCastException))]
    public void Runtime_exception_texts_never_become_reasons(Type type)
    {
        var e = (Exception)Activator.CreateInstance(type, "Specified argument was out of the range of valid values. (Parameter 'capacity')")!;
        var reason = Reasons.For(e);
        Assert.DoesNotContain("Parameter", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(type.Name, reason, StringComparison.Ordinal);
        Assert.StartsWith("corrupt", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_own_reasons_are_kept()
    {
        Assert.Equal("truncated: expected 4 bytes, got 2", Reasons.For(new MalformedInputException("truncated: expected 4 bytes, got 2")));
        Assert.Equal("truncated", Reasons.For(new EndOfStreamException("Unable to read beyond the end of the stream.")));
        Assert.Equal("permission denied", Reasons.ForIo(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal("cannot be read", Reasons.ForIo(new IOException("Could not read '/x'")));
    }
}
