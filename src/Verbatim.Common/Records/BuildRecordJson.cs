using System.Text.Json;
using System.Text.Json.Nodes;
using Verbatim.Common.Identity;
using Verbatim.Common.IO;
using Verbatim.Common.Json;

namespace Verbatim.Common.Records;

/// <summary>
/// <c>buildinfo.json</c> (format <c>verbatim-buildinfo/1</c>): a <see cref="BuildRecord"/> written through
/// <see cref="CanonicalJson"/> (keys sorted at every level, two-space indent, LF, final newline, absent members left
/// out) — byte-stable — and read back with a one-line error naming the member for a file that is not one.
/// </summary>
public static class BuildRecordJson
{
    public const string FileName = "buildinfo.json";

    public static JsonObject ToJson(BuildRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["format"] = BuildRecord.Format,
            ["builder_id"] = r.BuilderId,
            ["build_type"] = BuildRecord.BuildType,
            ["recipe"] = new JsonObject { ["name"] = r.RecipeName, ["version"] = r.RecipeVersion, ["file"] = r.RecipeFile, ["sha256"] = r.RecipeSha256.Hex },
            ["inputs"] = Array(r.Inputs, i => new JsonObject
            {
                ["name"] = i.Name,
                ["kind"] = i.Kind,
                ["uri"] = i.Uri,
                ["commit"] = i.Commit,
                ["sha256"] = i.Sha256.Hex,
                ["destination"] = i.Destination,
                ["type"] = i.IsDirectory ? "directory" : "file",
            }),
            ["environment"] = new JsonObject
            {
                ["kind"] = r.Environment.Kind,
                ["sha256"] = r.Environment.Sha256?.Hex,
                ["mounts"] = Array(r.Environment.Mounts, m => JsonValue.Create(m)),
                ["packages"] = Array(r.Environment.Packages, p => new JsonObject { ["name"] = p.Name, ["version"] = p.Version, ["architecture"] = p.Architecture }),
            },
            ["tools"] = Map(r.Tools),
            ["environment_variables"] = Map(r.EnvironmentVariables),
            ["source_date_epoch"] = r.SourceDateEpoch,
            ["steps"] = Array(r.Steps, s => new JsonObject { ["name"] = s.Name, ["run"] = s.Run, ["timeout_seconds"] = s.TimeoutSeconds, ["env"] = Map(s.Env) }),
            ["limits"] = new JsonObject { ["timeout_seconds"] = r.Limits.TimeoutSeconds, ["processes"] = r.Limits.Processes, ["output_bytes"] = r.Limits.OutputBytes },
            ["output_patterns"] = Array(r.OutputPatterns, o => JsonValue.Create(o)),
            ["subjects"] = Array(r.Subjects, s => new JsonObject { ["name"] = s.Name, ["sha256"] = s.Sha256.Hex, ["size"] = s.Size }),
            ["identity"] = r.Identity is { } identity ? BuildIdentityJson.ToJson(identity) : null,
        };
    }

    /// <summary>The canonical bytes of <c>buildinfo.json</c>.</summary>
    public static byte[] Serialize(BuildRecord record) => CanonicalJson.Serialize(ToJson(record), CanonicalJsonStyle.Indented);

    /// <summary>Writes <paramref name="record"/> to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void Write(BuildRecord record, string path)
    {
        AtomicWrite.Bytes(path, Serialize(record));
    }

    /// <summary>Reads a <c>buildinfo.json</c> file.</summary>
    /// <exception cref="BuildRecordException">The file cannot be read or is not a <c>verbatim-buildinfo/1</c> record.</exception>
    public static BuildRecord Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildRecordException($"{path}: cannot read the build record: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses <c>buildinfo.json</c> bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="BuildRecordException">The bytes are not a <c>verbatim-buildinfo/1</c> record.</exception>
    public static BuildRecord Parse(ReadOnlySpan<byte> json, string source = FileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new BuildRecordException($"{source}: not valid JSON: {e.Message.Split('\n')[0].Trim()}", e);
        }

        using (document)
        {
            return new BuildRecordReader(source).Read(document.RootElement);
        }
    }

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> convert)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(convert(item));
        }

        return array;
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }

        return result;
    }
}
