using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verbatim.Build.Records;

/// <summary>Writes <c>buildinfo.json</c>: the build record with keys sorted at every level, two-space indent, LF line ends — byte-stable.</summary>
public static class BuildInfoWriter
{
    public const string FileName = "buildinfo.json";

    public static JsonObject ToJson(BuildRecord r) => new()
    {
        ["format"] = "verbatim-buildinfo/1",
        ["builder_id"] = r.BuilderId,
        ["build_type"] = BuildRecord.BuildType,
        ["recipe"] = new JsonObject { ["name"] = r.RecipeName, ["version"] = r.RecipeVersion, ["file"] = r.RecipeFile, ["sha256"] = r.RecipeSha256 },
        ["inputs"] = new JsonArray([.. r.Inputs.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name,
            ["kind"] = i.Kind,
            ["uri"] = i.Uri,
            ["commit"] = i.Commit,
            ["sha256"] = i.Sha256,
            ["destination"] = i.Destination,
            ["type"] = i.IsDirectory ? "directory" : "file",
        })]),
        ["environment"] = new JsonObject
        {
            ["kind"] = r.Environment.Kind,
            ["sha256"] = r.Environment.Sha256,
            ["mounts"] = new JsonArray([.. r.Environment.Mounts.Select(m => (JsonNode)m)]),
            ["packages"] = new JsonArray([.. r.Environment.Packages.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["version"] = p.Version, ["architecture"] = p.Architecture })]),
        },
        ["tools"] = Map(r.Tools),
        ["environment_variables"] = Map(r.EnvironmentVariables),
        ["source_date_epoch"] = r.SourceDateEpoch,
        ["steps"] = new JsonArray([.. r.Steps.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["run"] = s.Run, ["timeout_seconds"] = s.TimeoutSeconds, ["env"] = Map(s.Env) })]),
        ["limits"] = new JsonObject { ["timeout_seconds"] = r.Limits.TimeoutSeconds, ["processes"] = r.Limits.Processes, ["output_bytes"] = r.Limits.OutputBytes },
        ["output_patterns"] = new JsonArray([.. r.OutputPatterns.Select(o => (JsonNode)o)]),
        ["subjects"] = new JsonArray([.. r.Subjects.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["sha256"] = s.Sha256, ["size"] = s.Size })]),
    };

    /// <summary>The canonical bytes: keys sorted by ordinal order at every level, nulls dropped, newline at the end.</summary>
    public static byte[] Serialize(BuildRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteSorted(writer, ToJson(record));
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static async Task WriteAsync(BuildRecord record, string outDir, CancellationToken cancellationToken = default) =>
        await File.WriteAllBytesAsync(Path.Combine(outDir, FileName), Serialize(record), cancellationToken).ConfigureAwait(false);

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }

        return result;
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue<long>(out var number):
                writer.WriteNumberValue(number);
                break;
            case JsonValue value when value.TryGetValue<int>(out var small):
                writer.WriteNumberValue(small);
                break;
            case JsonValue value:
                writer.WriteStringValue(Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
