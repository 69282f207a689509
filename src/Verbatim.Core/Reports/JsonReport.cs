using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>
/// The difference tree as JSON, schema <c>verbatim-diff/1</c> (docs/diff-report.schema.json). Keys are written in
/// sorted order and no time is recorded, so the same inputs give the same bytes.
/// </summary>
public static class JsonReport
{
    public const string Schema = "verbatim-diff/1";

    public static void Write(Stream output, string path1, string path2, Difference? root, DiffSummary summary)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteBoolean("identical", root is null);
        json.WriteString("schema", Schema);
        json.WriteString("source1", path1);
        json.WriteString("source2", path2);
        json.WriteStartObject("summary");
        json.WriteStartArray("causes");
        foreach (var (kind, count) in summary.Causes)
        {
            json.WriteStartObject();
            json.WriteNumber("count", count);
            json.WriteString("kind", kind.Id());
            json.WriteString("title", kind.Title());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("differences", summary.Differences);
        json.WriteNumber("members", summary.Members);
        json.WriteString("text", summary.ToSentence());
        json.WriteEndObject();
        if (root is null)
        {
            json.WriteNull("tree");
        }
        else
        {
            json.WritePropertyName("tree");
            WriteNode(json, root);
        }

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    public static string Render(string path1, string path2, Difference? root, DiffSummary summary)
    {
        using var stream = new MemoryStream();
        Write(stream, path1, path2, root, summary);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, Difference node)
    {
        json.WriteStartObject();
        if (node.Causes.Count > 0)
        {
            json.WriteStartArray("causes");
            foreach (var cause in node.Causes)
            {
                json.WriteStartObject();
                json.WriteString("explanation", cause.Explanation);
                json.WriteString("kind", cause.Kind.Id());
                WriteOptional(json, "left", cause.Left);
                WriteOptional(json, "right", cause.Right);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (node.Children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var child in node.Children)
            {
                WriteNode(json, child);
            }

            json.WriteEndArray();
        }

        if (node.Comments.Count > 0)
        {
            json.WriteStartArray("comments");
            foreach (var comment in node.Comments)
            {
                json.WriteStringValue(comment);
            }

            json.WriteEndArray();
        }

        WriteOptional(json, "field", node.Field);
        WriteOptional(json, "format", node.Format);
        if (node.HexRanges.Count > 0)
        {
            json.WriteStartArray("hex_ranges");
            foreach (var range in node.HexRanges)
            {
                json.WriteStartObject();
                json.WriteString("hex1", range.Hex1);
                json.WriteString("hex2", range.Hex2);
                json.WriteNumber("length1", range.Length1);
                json.WriteNumber("length2", range.Length2);
                json.WriteNumber("offset", range.Offset);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteString("kind", KindId(node.Kind));
        WriteOptional(json, "left", node.Left);
        json.WriteString("path1", node.Path1);
        json.WriteString("path2", node.Path2);
        WriteOptional(json, "right", node.Right);
        WriteOptional(json, "unified_diff", node.UnifiedDiff);
        json.WriteEndObject();
    }

    public static string KindId(DifferenceKind kind) => kind switch
    {
        DifferenceKind.Node => "node",
        DifferenceKind.Field => "field",
        DifferenceKind.Text => "text",
        DifferenceKind.Binary => "binary",
        DifferenceKind.Added => "added",
        DifferenceKind.Removed => "removed",
        DifferenceKind.Order => "order",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
