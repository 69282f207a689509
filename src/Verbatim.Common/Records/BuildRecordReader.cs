using System.Text.Json;
using System.Globalization;
using Verbatim.Common.Digests;
using Verbatim.Common.Identity;

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
            Inputs = Objects(root, "", "inputs", (e, at) => new InputRecord(
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
                Objects(environment, "environment.", "packages", (e, at) => new InstalledPackage(String(e, at, "name"), String(e, at, "version"), String(e, at, "architecture"))),
                Strings(environment, "environment.", "mounts")),
            Tools = Map(root, "", "tools"),
            EnvironmentVariables = Map(root, "", "environment_variables"),
            SourceDateEpoch = Number(root, "", "source_date_epoch"),
            Steps = Objects(root, "", "steps", (e, at) => new StepRecord(String(e, at, "name"), String(e, at, "run"), Number(e, at, "timeout_seconds"), Map(e, at, "env"))),
            OutputPatterns = Strings(root, "", "output_patterns"),
            Subjects = Objects(root, "", "subjects", (e, at) => new OutputSubject(String(e, at, "name"), Digest(e, at, "sha256"), Number(e, at, "size"))),
            Limits = new LimitsRecord(Number(limits, "limits.", "timeout_seconds"), Int(limits, "limits.", "processes"), Number(limits, "limits.", "output_bytes")),
            Identity = root.TryGetProperty("identity", out _) ? ReadIdentity(Object(root, "", "identity")) : null,
        };
    }

    private BuildIdentity ReadIdentity(JsonElement json)
    {
        const string at = "identity.";
        var user = Object(json, at, "user");
        var group = Object(json, at, "group");
        var umask = String(json, at, "umask");
        var clock = BuildClock.Real;
        if (json.TryGetProperty("clock", out _))
        {
            var clockJson = Object(json, at, "clock");
            clock = clockJson.TryGetProperty("offset_seconds", out var offset) && offset.ValueKind == JsonValueKind.Number && offset.TryGetInt64(out var seconds)
                ? BuildClock.Shifted(TimeSpan.FromSeconds(seconds))
                : DateTimeOffset.TryParseExact(String(clockJson, at + "clock.", "start"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                    ? BuildClock.StartingAt(start)
                    : throw Error("identity.clock.start is not a time like 2001-02-03T04:05:06Z");
        }

        var identity = new BuildIdentity
        {
            Clock = clock,
            TimeZone = String(json, at, "time_zone"),
            Locale = String(json, at, "locale"),
            UserName = String(user, at + "user.", "name"),
            UserId = Int(user, at + "user.", "id"),
            GroupName = String(group, at + "group.", "name"),
            GroupId = Int(group, at + "group.", "id"),
            HostName = String(json, at, "host_name"),
            DomainName = OptionalString(json, at, "domain_name"),
            Home = String(json, at, "home"),
            Umask = umask.Length == 3 && umask.All(c => c is >= '0' and <= '7') ? Convert.ToInt32(umask, 8) : throw Error($"identity.umask '{umask}' is not three octal digits"),
            BuildPath = OptionalString(json, at, "build_path"),
            CpuCount = json.TryGetProperty("cpu_count", out _) ? Int(json, at, "cpu_count") : null,
            KernelRelease = OptionalString(json, at, "kernel_release"),
            FileOrder = OptionalString(json, at, "file_order") switch
            {
                null => FileOrder.Native,
                "reversed" => FileOrder.Reversed,
                "shuffled" => FileOrder.Shuffled,
                var other => throw Error($"identity.file_order '{other}' is not reversed or shuffled"),
            },
            AddressSpaceRandomization = !json.TryGetProperty("address_space_randomization", out var aslr) || aslr.ValueKind != JsonValueKind.False,
            ExtraVariables = json.TryGetProperty("extra_variables", out _) ? Map(json, at, "extra_variables") : new SortedDictionary<string, string>(StringComparer.Ordinal),
        };
        return identity.Problem() is { } problem ? throw Error($"identity: {problem}") : identity;
    }

    private int Int(JsonElement parent, string at, string name)
    {
        var value = Number(parent, at, name);
        return value <= int.MaxValue ? (int)value : throw Error($"{at}{name} is too large");
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

    /// <summary>A list of objects, each read by <paramref name="read"/> with its own path (<c>inputs[0].</c>).</summary>
    private List<T> Objects<T>(JsonElement parent, string at, string name, Func<JsonElement, string, T> read)
    {
        var result = new List<T>();
        var index = 0;
        foreach (var item in Member(parent, at, name, JsonValueKind.Array, "a list").EnumerateArray())
        {
            var itemAt = $"{at}{name}[{index++}]";
            result.Add(item.ValueKind == JsonValueKind.Object ? read(item, itemAt + ".") : throw Error($"{itemAt} is not an object"));
        }

        return result;
    }

    private List<string> Strings(JsonElement parent, string at, string name)
    {
        var result = new List<string>();
        var index = 0;
        foreach (var item in Member(parent, at, name, JsonValueKind.Array, "a list").EnumerateArray())
        {
            result.Add(Text(item, $"{at}{name}[{index++}]"));
        }

        return result;
    }
}
