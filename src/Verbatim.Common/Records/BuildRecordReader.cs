using System.Text.Json;
using Verbatim.Common.Digests;

namespace Verbatim.Common.Records;

/// <summary>Reads a parsed <c>buildinfo.json</c> into a <see cref="BuildRecord"/>; each failure names the member. Unknown members are ignored.</summary>
internal sealed class BuildRecordReader(string source)
{
    public BuildRecord Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error("the build record is not a JSON object");
        }

        var format = String(root, "", "format");
        if (format != BuildRecord.Format)
        {
            throw Error($"format is '{format}', expected '{BuildRecord.Format}'");
        }

        var buildType = String(root, "", "build_type");
        if (buildType != BuildRecord.BuildType)
        {
            throw Error($"build_type is '{buildType}', expected '{BuildRecord.BuildType}'");
        }

        var recipe = Object(root, "", "recipe");
        var environment = Object(root, "", "environment");
        var limits = Object(root, "", "limits");
        return new BuildRecord
        {
            BuilderId = String(root, "", "builder_id"),
            RecipeName = String(recipe, "recipe.", "name"),
            RecipeVersion = String(recipe, "recipe.", "version"),
            RecipeFile = String(recipe, "recipe.", "file"),
            RecipeSha256 = Digest(recipe, "recipe.", "sha256"),
            Inputs = List(root, "inputs", (e, at) => new InputRecord(
                String(e, at, "name"),
                String(e, at, "kind"),
                String(e, at, "uri"),
                OptionalString(e, at, "commit"),
                Digest(e, at, "sha256"),
                String(e, at, "destination"),
                String(e, at, "type") switch
                {
                    "directory" => true,
                    "file" => false,
                    var other => throw Error($"{at}type is '{other}', expected 'file' or 'directory'"),
                })),
            Environment = new EnvironmentRecord(
                String(environment, "environment.", "kind"),
                environment.TryGetProperty("sha256", out _) ? Digest(environment, "environment.", "sha256") : null,
                List(environment, "environment.packages", (e, at) => new InstalledPackage(String(e, at, "name"), String(e, at, "version"), String(e, at, "architecture")), "packages"),
                List(environment, "environment.mounts", (e, at) => Text(e, at.TrimEnd('.')), "mounts")),
            Tools = Map(root, "", "tools"),
            EnvironmentVariables = Map(root, "", "environment_variables"),
            SourceDateEpoch = Number(root, "", "source_date_epoch"),
            Steps = List(root, "steps", (e, at) => new StepRecord(String(e, at, "name"), String(e, at, "run"), Number(e, at, "timeout_seconds"), Map(e, at, "env"))),
            OutputPatterns = List(root, "output_patterns", (e, at) => Text(e, at.TrimEnd('.'))),
            Subjects = List(root, "subjects", (e, at) => new OutputSubject(String(e, at, "name"), Digest(e, at, "sha256"), Number(e, at, "size"))),
            Limits = new LimitsRecord(Number(limits, "limits.", "timeout_seconds"), checked((int)Number(limits, "limits.", "processes")), Number(limits, "limits.", "output_bytes")),
        };
    }

    private BuildRecordException Error(string problem) => new($"{source}: {problem}");

    private JsonElement Member(JsonElement parent, string at, string name, JsonValueKind kind, string what)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error($"has no {at}{name}");
        }

        return value.ValueKind == kind ? value : throw Error($"{at}{name} is not {what}");
    }

    private JsonElement Object(JsonElement parent, string at, string name) => Member(parent, at, name, JsonValueKind.Object, "an object");

    private string String(JsonElement parent, string at, string name) => Member(parent, at, name, JsonValueKind.String, "a string").GetString()!;

    private string? OptionalString(JsonElement parent, string at, string name) =>
        parent.TryGetProperty(name, out _) ? String(parent, at, name) : null;

    private string Text(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"{at} is not a string");

    private long Number(JsonElement parent, string at, string name)
    {
        var value = Member(parent, at, name, JsonValueKind.Number, "a number");
        return value.TryGetInt64(out var number) && number >= 0 ? number : throw Error($"{at}{name} is not a non-negative whole number");
    }

    private Sha256Digest Digest(JsonElement parent, string at, string name)
    {
        var text = String(parent, at, name);
        return Sha256Digest.IsHex(text) && Sha256Digest.TryParse(text, out var digest) ? digest : throw Error($"{at}{name} is not 64 hex digits");
    }

    private SortedDictionary<string, string> Map(JsonElement parent, string at, string name)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Object(parent, at, name).EnumerateObject())
        {
            result[property.Name] = Text(property.Value, $"{at}{name}.{property.Name}");
        }

        return result;
    }

    private List<T> List<T>(JsonElement parent, string at, Func<JsonElement, string, T> read, string? name = null)
    {
        var member = name ?? at;
        var array = Member(parent, at[..^member.Length], member, JsonValueKind.Array, "a list");
        var result = new List<T>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemAt = $"{at}[{index++}].";
            if (item.ValueKind == JsonValueKind.Object || typeof(T) == typeof(string))
            {
                result.Add(read(item, itemAt));
            }
            else
            {
                throw Error($"{itemAt.TrimEnd('.')} is not an object");
            }
        }

        return result;
    }
}
