using System.Text.Json;
using Verbatim.Core.Reports;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Engine;

public class ReportTests
{
    private static (string A, string B, TempDir Dir) Fixture()
    {
        var dir = new TempDir();
        dir.Write("a/notes.txt", "version 1.0\nbuilt Mon Jan  1 10:00:00 UTC 2024\n");
        dir.Write("b/notes.txt", "version 1.0\nbuilt Tue Jan  2 11:00:00 UTC 2024\n");
        dir.Write("a/same.txt", "x");
        dir.Write("b/same.txt", "x");
        dir.Write("a/gone.txt", "bye");
        return (dir.File("a"), dir.File("b"), dir);
    }

    [Fact]
    public void Text_report_matches_the_golden_output()
    {
        var (a, b, dir) = Fixture();
        using var _ = dir;
        var text = Diff.Run(a, b).Text().Replace(dir.Path, "TMP", StringComparison.Ordinal);
        const string expected = """
            verbatim diff: 2 differences in 2 members; causes: embedded timestamp (1)
            --- TMP/a
            +++ TMP/b
            ├── only in first: gone.txt (file, 3 bytes)
            └── notes.txt [text]
                └── text differs
                    │ ⚑ cause: embedded timestamp — embedded date differs (Mon Jan  1 10:00:00 UTC 2024 → Tue Jan  2 11:00:00 UTC 2024)
                    │ @@ -1,2 +1,2 @@
                    │  version 1.0
                    │ -built Mon Jan  1 10:00:00 UTC 2024
                    │ +built Tue Jan  2 11:00:00 UTC 2024

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Json_report_is_byte_stable_sorted_and_parseable()
    {
        var (a, b, dir) = Fixture();
        using var _ = dir;
        var first = Diff.Run(a, b);
        var second = Diff.Run(a, b);
        var json1 = JsonReport.Render(a, b, first.Root, first.Summary);
        var json2 = JsonReport.Render(a, b, second.Root, second.Summary);
        Assert.Equal(json1, json2);
        using var doc = JsonDocument.Parse(json1);
        Assert.Equal("verbatim-diff/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.False(doc.RootElement.GetProperty("identical").GetBoolean());
        Assert.Equal(2, doc.RootElement.GetProperty("summary").GetProperty("differences").GetInt32());
        AssertSortedKeys(doc.RootElement);
    }

    [Fact]
    public void Html_report_is_self_contained()
    {
        var (a, b, dir) = Fixture();
        using var _ = dir;
        var result = Diff.Run(a, b);
        var html = HtmlReport.Render(a, b, result.Root, result.Summary);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<details", html, StringComparison.Ordinal);
        Assert.Contains("class=\"sbs\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    private static void AssertSortedKeys(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = element.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            foreach (var p in element.EnumerateObject())
            {
                AssertSortedKeys(p.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                AssertSortedKeys(item);
            }
        }
    }
}
