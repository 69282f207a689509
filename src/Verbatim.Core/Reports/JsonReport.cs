using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Verbatim.Common.Json;
using Verbatim.Core.Model;

namespace Verbatim.Core.Reports;

/// <summary>
/// The difference tree as JSON, schema <c>verbatim-diff/1</c> (docs/diff-report.schema.json), written by
/// <see cref="CanonicalJson"/> (indented): keys sorted, no time recorded, so the same inputs give the same bytes.
/// The tree is built and written without recursion, so any depth of nesting is written.
/// </summary>
public static class JsonReport
{
    public const string Schema = "verbatim-diff/1";

    public static void Write(Stream output, string path1, string path2, Difference? root, DiffSummary summary) =>
        CanonicalJson.Write(output, Build(path1, path2, root, summary), CanonicalJsonStyle.Indented);

    public static string Render(string path1, string path2, Difference? root, DiffSummary summary) =>
        CanonicalJson.ToText(Build(path1, path2, root, summary), CanonicalJsonStyle.Indented);

    private static JsonObject Build(string path1, string path2, Difference? root, DiffSummary summary)
    {
        var causes = new JsonArray();
        foreach (var (kind, count) in summary.Causes)
        {
            causes.Add((JsonNode)new JsonObject { ["count"] = count, ["kind"] = kind.Id(), ["title"] = kind.Title() });
        }

        return new JsonObject
        {
            ["identical"] = root is null,
            ["schema"] = Schema,
            ["source1"] = Text(path1),
            ["source2"] = Text(path2),
            ["summary"] = new JsonObject
            {
                ["causes"] = causes,
                ["differences"] = summary.Differences,
                ["members"] = summary.Members,
                ["text"] = summary.ToSentence(),
            },

            // "tree" is present, as null, when the inputs are identical: the indented style drops only absent members.
            ["tree"] = root is null ? JsonNull() : Tree(root),
        };
    }

    /// <summary>The nodes of the tree, built with an explicit stack (depth first, children in order).</summary>
    private static JsonObject Tree(Difference root)
    {
        var holder = new JsonArray();
        var stack = new Stack<(Difference Node, JsonArray Into)>();
        stack.Push((root, holder));
        while (stack.Count > 0)
        {
            var (node, into) = stack.Pop();
            var json = Node(node);
            into.Add((JsonNode)json);
            if (node.Children.Count > 0)
            {
                var children = new JsonArray();
                json["children"] = children;
                for (var i = node.Children.Count - 1; i >= 0; i--)
                {
                    stack.Push((node.Children[i], children));
                }
            }
        }

        var tree = holder[0]!.AsObject();
        holder.Clear();
        return tree;
    }

    private static JsonObject Node(Difference node)
    {
        var json = new JsonObject
        {
            ["field"] = Text(node.Field),
            ["format"] = Text(node.Format),
            ["kind"] = KindId(node.Kind),
            ["left"] = Text(node.Left),
            ["path1"] = Text(node.Path1),
            ["path2"] = Text(node.Path2),
            ["right"] = Text(node.Right),
            ["unified_diff"] = Text(node.UnifiedDiff),
        };
        if (node.Causes.Count > 0)
        {
            var causes = new JsonArray();
            foreach (var cause in node.Causes)
            {
                causes.Add((JsonNode)new JsonObject
                {
                    ["explanation"] = Text(cause.Explanation),
                    ["kind"] = cause.Kind.Id(),
                    ["left"] = Text(cause.Left),
                    ["right"] = Text(cause.Right),
                });
            }

            json["causes"] = causes;
        }

        if (node.Comments.Count > 0)
        {
            var comments = new JsonArray();
            foreach (var comment in node.Comments)
            {
                comments.Add((JsonNode?)JsonValue.Create(Text(comment)));
            }

            json["comments"] = comments;
        }

        if (node.HexRanges.Count > 0)
        {
            var ranges = new JsonArray();
            foreach (var range in node.HexRanges)
            {
                ranges.Add((JsonNode)new JsonObject
                {
                    ["hex1"] = range.Hex1,
                    ["hex2"] = range.Hex2,
                    ["length1"] = range.Length1,
                    ["length2"] = range.Length2,
                    ["offset"] = range.Offset,
                });
            }

            json["hex_ranges"] = ranges;
        }

        return json;
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

    /// <summary>A string for JSON: an unpaired surrogate (from text decoded as UTF-16) becomes U+FFFD, as UTF-8 requires.</summary>
    private static string? Text(string? value) => value is null || !HasLoneSurrogate(value) ? value : Repaired(value);

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (IsPairAt(value, i))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Repaired(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (IsPairAt(value, i))
            {
                builder.Append(value[i]).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(value[i]) ? '\uFFFD' : value[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsPairAt(string value, int i) => char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);

    /// <summary>A JSON null that is present (a null node is an absent member to the indented writer).</summary>
    private static JsonValue JsonNull() => JsonValue.Create(default(PresentNull), PresentNullInfo)!;

    private static readonly JsonTypeInfo<PresentNull> PresentNullInfo =
        JsonMetadataServices.CreateValueInfo<PresentNull>(new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, new PresentNullConverter());

    private readonly struct PresentNull;

    private sealed class PresentNullConverter : JsonConverter<PresentNull>
    {
        public override PresentNull Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => default;

        public override void Write(Utf8JsonWriter writer, PresentNull value, JsonSerializerOptions options) => writer.WriteNullValue();
    }
}
