using Verbatim.Common.Json;
using System.Text;
using System.Text.Json.Nodes;
using Verbatim.Provenance;

namespace Verbatim.Tests.Provenance;

public class CanonicalJsonTests
{
    [Theory]
    [InlineData("{\"b\": 1, \"a\": [1, 2]}", "{\"a\":[1,2],\"b\":1}")]
    [InlineData("{\"é\":1,\"z\":2,\"A\":3}", "{\"A\":3,\"z\":2,\"é\":1}")]
    [InlineData("\"tab\\there \\u0001 \\\"q\\\" \\\\ é €\"", "\"tab\\there \\u0001 \\\"q\\\" \\\\ é €\"")]
    [InlineData("\"<script>&'\"", "\"<script>&'\"")]
    [InlineData("[1.0, 1e2, -0, 0.5, 1e21, 1e-7, 0.000001, 123456789012345678, 1.5e300]", "[1,100,0,0.5,1e+21,1e-7,0.000001,123456789012345678,1.5e+300]")]
    [InlineData("[true,false,null]", "[true,false,null]")]
    public void Writes_sorted_compact_minimally_escaped_json(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonNode.Parse(input))));
    }

    [Fact]
    public void Clr_values_are_written_like_parsed_ones()
    {
        var built = new JsonObject { ["n"] = 42L, ["d"] = 2.5, ["s"] = "x\ny" };
        Assert.Equal("{\"d\":2.5,\"n\":42,\"s\":\"x\\ny\"}", Encoding.UTF8.GetString(CanonicalJson.Serialize(built)));
    }

    [Fact]
    public void Lone_surrogate_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("a\ud800b")));
    }

    [Fact]
    public void Deep_nesting_is_written_without_recursion()
    {
        // A difference tree 600 containers deep makes a JSON tree deeper than any recursive writer's limit.
        const int depth = 5000;
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        var compact = Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
        Assert.Equal(new string('[', depth + 1) + new string(']', depth + 1), compact);
        var indented = CanonicalJson.ToText(node, CanonicalJsonStyle.Indented);
        Assert.StartsWith("[\n  [\n    [", indented, StringComparison.Ordinal);
        Assert.EndsWith("  ]\n]\n", indented, StringComparison.Ordinal);
    }

    [Fact]
    public void Indented_style_sorts_keys_drops_nulls_and_ends_with_a_newline()
    {
        var node = new JsonObject { ["b"] = 1, ["a"] = new JsonArray(), ["n"] = null, ["c"] = new JsonObject { ["z"] = "x", ["y"] = true } };
        Assert.Equal("{\n  \"a\": [],\n  \"b\": 1,\n  \"c\": {\n    \"y\": true,\n    \"z\": \"x\"\n  }\n}\n", CanonicalJson.ToText(node, CanonicalJsonStyle.Indented));
    }
}
