using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Verbatim.Common.Digests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verbatim.Build.Recipes;

/// <summary>Reads and validates <c>verbatim.yaml</c>: unknown keys, missing digests and bad values are refused with one line naming the file.</summary>
public static partial class RecipeLoader
{
    public const string DefaultFileName = "verbatim.yaml";

    /// <summary>Variables every step gets; a recipe may not redefine them (PATH excepted).</summary>
    public static readonly IReadOnlySet<string> FixedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL", "HOME", "USER", "LOGNAME", "TMPDIR", "HOSTNAME",
    };

    /// <summary>Loads a recipe file, or <c>verbatim.yaml</c> inside a folder.</summary>
    public static Recipe Load(string path)
    {
        var file = Path.GetFullPath(System.IO.Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path);
        if (!File.Exists(file))
        {
            throw new RecipeException($"{file}: no such recipe file");
        }

        var bytes = File.ReadAllBytes(file);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(bytes));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new RecipeException($"{file}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new RecipeException($"{file}: expected exactly one YAML document");
        }

        var recipe = Parse(new YamlReader(file), stream.Documents[0].RootNode);
        return recipe with { File = file, Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    private static Recipe Parse(YamlReader y, YamlNode rootNode)
    {
        var root = y.Mapping(rootNode, "the recipe");
        var keys = y.Keys(root, "the recipe", "name", "version", "environment", "source_date_epoch", "inputs", "steps", "outputs", "env", "tools", "limits");
        var name = y.Scalar(y.Required(keys, root, "name", "the recipe"), "name");
        if (!SafeName().IsMatch(name))
        {
            throw y.Error(keys["name"], $"name '{name}' may hold only letters, digits, '.', '_' and '-'");
        }

        var inputs = y.Sequence(y.Required(keys, root, "inputs", "the recipe"), "inputs").Children.Select(n => ParseInput(y, n)).ToList();
        foreach (var dup in inputs.GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            throw y.Error(root, $"input name '{dup.Key}' is used twice");
        }

        var steps = y.Sequence(y.Required(keys, root, "steps", "the recipe"), "steps").Children.Select(n => ParseStep(y, n)).ToList();
        if (steps.Count == 0)
        {
            throw y.Error(keys["steps"], "the recipe needs at least one step");
        }

        var outputs = y.Sequence(y.Required(keys, root, "outputs", "the recipe"), "outputs").Children.Select(n => ParseOutput(y, n)).ToList();
        if (outputs.Count == 0)
        {
            throw y.Error(keys["outputs"], "the recipe needs at least one output pattern");
        }

        var env = keys.TryGetValue("env", out var envNode) ? CheckEnv(y, envNode, y.StringMap(envNode, "env")) : [];
        var tools = keys.TryGetValue("tools", out var toolsNode)
            ? y.Sequence(toolsNode, "tools").Children.Select(n => ParseTool(y, n)).ToList()
            : [];
        return new Recipe(
            name,
            y.Scalar(y.Required(keys, root, "version", "the recipe"), "version"),
            ParseEnvironment(y, y.Required(keys, root, "environment", "the recipe")),
            ParseEpoch(y, y.Required(keys, root, "source_date_epoch", "the recipe")),
            inputs,
            steps,
            outputs,
            env,
            tools,
            keys.TryGetValue("limits", out var limits) ? ParseLimits(y, limits) : BuildLimits.Default)
        {
            File = "",
            Digest = "",
        };
    }

    private static RecipeEnvironment ParseEnvironment(YamlReader y, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var text = y.Scalar(node, "environment");
            return text == "host" ? new RecipeEnvironment(null, []) : throw y.Error(node, $"environment must be 'host' or {{ rootfs: sha256:<digest> }}, not '{text}'");
        }

        var map = y.Mapping(node, "environment");
        var keys = y.Keys(map, "environment", "host", "rootfs", "mounts");
        var mounts = keys.TryGetValue("mounts", out var m)
            ? y.Sequence(m, "environment.mounts").Children.Select(n => ParseMount(y, n)).ToList()
            : [];
        if (keys.TryGetValue("rootfs", out var rootfs))
        {
            if (keys.ContainsKey("host"))
            {
                throw y.Error(map, "environment takes either 'host' or 'rootfs', not both");
            }

            var text = y.Scalar(rootfs, "environment.rootfs");
            return new RecipeEnvironment(HexOrNull(text) ?? throw y.Error(rootfs, $"environment.rootfs must be sha256:<64 hex digits>, not '{text}'"), mounts);
        }

        if (keys.TryGetValue("host", out var host) && y.Scalar(host, "environment.host") != "true")
        {
            throw y.Error(host, "environment.host must be true");
        }

        return new RecipeEnvironment(null, mounts);
    }

    private static string ParseMount(YamlReader y, YamlNode node)
    {
        var path = y.Scalar(node, "a mount");
        return Path.IsPathFullyQualified(path) && !path.Split('/').Contains("..")
            ? path.TrimEnd('/')
            : throw y.Error(node, $"mount '{path}' must be an absolute path without '..'");
    }

    private static EpochSource ParseEpoch(YamlReader y, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return new EpochSource(y.Number(node, "source_date_epoch"), null, null, null);
        }

        var map = y.Mapping(node, "source_date_epoch");
        var keys = y.Keys(map, "source_date_epoch", "from", "input", "path");
        var from = y.Scalar(y.Required(keys, map, "from", "source_date_epoch"), "source_date_epoch.from");
        if (from is not ("git" or "debian-changelog"))
        {
            throw y.Error(keys["from"], $"source_date_epoch.from must be 'git' or 'debian-changelog', not '{from}'");
        }

        return new EpochSource(
            null,
            from,
            keys.TryGetValue("input", out var i) ? y.Scalar(i, "source_date_epoch.input") : null,
            keys.TryGetValue("path", out var p) ? y.Scalar(p, "source_date_epoch.path") : null);
    }

    private static RecipeInput ParseInput(YamlReader y, YamlNode node)
    {
        var map = y.Mapping(node, "an input");
        var keys = y.Keys(map, "an input", "name", "path", "url", "git", "commit", "sha256", "dest");
        var name = y.Scalar(y.Required(keys, map, "name", "an input"), "input name");
        string? Opt(string key) => keys.TryGetValue(key, out var v) ? y.Scalar(v, $"input '{name}': {key}") : null;
        var input = new RecipeInput(name, Opt("path"), Opt("url"), Opt("git"), Opt("commit"), null, Opt("dest"));
        var sources = new[] { input.Path, input.Url, input.Git }.Count(s => s is not null);
        if (sources != 1)
        {
            throw y.Error(map, $"input '{name}' needs exactly one of 'path', 'url' or 'git'");
        }

        if (input.Url is not null && !input.Url.StartsWith("http://", StringComparison.Ordinal) && !input.Url.StartsWith("https://", StringComparison.Ordinal))
        {
            throw y.Error(keys["url"], $"input '{name}': url must be http:// or https://");
        }

        if (input.Git is not null)
        {
            if (input.Commit is null || !CommitId().IsMatch(input.Commit))
            {
                throw y.Error(map, $"input '{name}': a git input must pin 'commit' to a full 40-hex-digit commit id");
            }
        }
        else if (input.Commit is not null)
        {
            throw y.Error(keys["commit"], $"input '{name}': 'commit' belongs to git inputs");
        }

        string? digest = null;
        if (keys.TryGetValue("sha256", out var shaNode))
        {
            var text = y.Scalar(shaNode, $"input '{name}': sha256");
            digest = HexOrNull(text) ?? throw y.Error(shaNode, $"input '{name}': sha256 must be 64 hex digits, not '{text}'");
        }
        else if (input.Git is null)
        {
            throw y.Error(map, $"input '{name}' has no sha256: every input must be pinned by digest (run 'verbatim hash {input.Path ?? "FILE"}')");
        }

        if (input.Dest is not null && (Path.IsPathRooted(input.Dest) || input.Dest.Split('/').Contains("..")))
        {
            throw y.Error(keys["dest"], $"input '{name}': dest must be a relative path inside the workspace");
        }

        return input with { Sha256 = digest };
    }

    private static RecipeStep ParseStep(YamlReader y, YamlNode node)
    {
        var map = y.Mapping(node, "a step");
        var keys = y.Keys(map, "a step", "name", "run", "timeout", "env");
        var name = y.Scalar(y.Required(keys, map, "name", "a step"), "step name");
        var run = y.Scalar(y.Required(keys, map, "run", $"step '{name}'"), $"step '{name}': run");
        TimeSpan? timeout = keys.TryGetValue("timeout", out var t) ? TimeSpan.FromSeconds(Math.Max(1, y.Number(t, $"step '{name}': timeout"))) : null;
        var env = keys.TryGetValue("env", out var e) ? CheckEnv(y, e, y.StringMap(e, $"step '{name}': env")) : [];
        return new RecipeStep(name, run, timeout, env);
    }

    private static string ParseOutput(YamlReader y, YamlNode node)
    {
        var glob = y.Scalar(node, "an output pattern");
        return Path.IsPathRooted(glob) || glob.Split('/').Contains("..")
            ? throw y.Error(node, $"output pattern '{glob}' must be relative to the workspace")
            : glob;
    }

    private static string ParseTool(YamlReader y, YamlNode node)
    {
        var tool = y.Scalar(node, "a tool");
        return SafeName().IsMatch(tool) ? tool : throw y.Error(node, $"tool '{tool}' must be a plain command name");
    }

    private static BuildLimits ParseLimits(YamlReader y, YamlNode node)
    {
        var map = y.Mapping(node, "limits");
        var keys = y.Keys(map, "limits", "timeout", "processes", "output_bytes");
        var d = BuildLimits.Default;
        return new BuildLimits(
            keys.TryGetValue("timeout", out var t) ? TimeSpan.FromSeconds(Math.Max(1, y.Number(t, "limits.timeout"))) : d.StepTimeout,
            keys.TryGetValue("processes", out var p) ? (int)Math.Clamp(y.Number(p, "limits.processes"), 1, 1 << 20) : d.Processes,
            keys.TryGetValue("output_bytes", out var o) ? Math.Max(1, y.Number(o, "limits.output_bytes")) : d.OutputBytes);
    }

    private static Dictionary<string, string> CheckEnv(YamlReader y, YamlNode node, Dictionary<string, string> env)
    {
        foreach (var key in env.Keys.Where(FixedVariables.Contains))
        {
            throw y.Error(node, $"env may not set {key}: the sandbox fixes it");
        }

        return env;
    }

    private static string? HexOrNull(string text) => Sha256Digest.TryParse(text, out var digest) ? digest.Hex : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();
}
