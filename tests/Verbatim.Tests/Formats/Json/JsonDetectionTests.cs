using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Json;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Json;

/// <summary>JSON is recognised by the whole text parsing as one JSON value, not by its first byte.</summary>
public class JsonDetectionTests
{
    private const string Readme = """
        [![Build](https://ci.example.org/badge.svg)](https://ci.example.org/job/verbatim)

        # Verbatim

        Build hermetically, rebuild independently.

        Version: 1.0.0
        """;

    [Fact]
    public void A_markdown_file_starting_with_a_badge_is_a_text_diff_of_the_changed_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        var a = dir.Write("a/README.md", Readme + "\n");
        var b = dir.Write("b/README.md", Readme.Replace("Version: 1.0.0", "Version: 1.0.1", StringComparison.Ordinal) + "\n");

        var result = Diff.Run(a, b);

        var all = result.Root.All().ToList();
        Assert.DoesNotContain(all, d => d.Format == "json");
        Assert.DoesNotContain(all.SelectMany(d => d.Comments), c => c.Contains("json", StringComparison.OrdinalIgnoreCase));
        var text = Assert.Single(all, d => d.Kind == DifferenceKind.Text);
        Assert.Contains("-Version: 1.0.0", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+Version: 1.0.1", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain("-[![Build]", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Equal("text", result.Root!.Format);
    }

    [Theory]
    [InlineData("[![Build](https://ci.example.org/badge.svg)](https://ci.example.org/)\n")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\": 1} trailing words")]
    [InlineData("[1, 2,]")]
    [InlineData("{} {}")]
    public void Text_that_does_not_parse_as_one_json_value_is_not_json(string text)
    {
        Assert.False(new JsonFormat().Recognizes(InputOf(text)));
        Assert.Equal("text", FormatRegistry.Default.Detect(InputOf(text))?.Name);
    }

    [Theory]
    [InlineData("{\"a\": 1}")]
    [InlineData("  [1, 2, {\"b\": null}]\n\n")]
    [InlineData("\uFEFF{\"bom\": true}")]
    public void A_whole_json_document_is_json(string text)
    {
        Assert.Equal("json", FormatRegistry.Default.Detect(InputOf(text))?.Name);
    }

    [Fact]
    public void A_document_larger_than_the_read_buffer_is_json_and_a_late_error_is_not()
    {
        // One long string token spans many reads of the detection buffer; the error sits after the first 64 KiB.
        var valid = "{\"items\": [" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"n\": {i}}}")) + "], \"long\": \"" + new string('x', 300_000) + "\"}";
        Assert.Equal("json", FormatRegistry.Default.Detect(InputOf(valid))?.Name);
        var broken = valid[..^1] + ",}";
        Assert.Equal("text", FormatRegistry.Default.Detect(InputOf(broken))?.Name);
    }

    private static Input InputOf(string text) => new("x", new MemoryContent(System.Text.Encoding.UTF8.GetBytes(text)));
}
