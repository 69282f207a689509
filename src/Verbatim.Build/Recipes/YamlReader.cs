using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Verbatim.Build.Recipes;

/// <summary>Typed access to recipe YAML nodes; every failure is a <see cref="RecipeException"/> naming the file, the key and the line.</summary>
internal sealed class YamlReader(string file)
{
    public RecipeException Error(YamlNode node, string problem) =>
        new($"{file}:{node.Start.Line}: {problem}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public string Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Length > 0)
        {
            return value;
        }

        throw Error(node, $"{what} must be a non-empty string");
    }

    public long Number(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, $"{what} must be a non-negative whole number, not '{text}'");
    }

    public Dictionary<string, YamlNode> Keys(YamlMappingNode mapping, string what, params string[] allowed)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Scalar(keyNode, $"a key of {what}");
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what} (allowed: {string.Join(", ", allowed)})");
            }

            if (!result.TryAdd(key, value))
            {
                throw Error(keyNode, $"duplicate key '{key}' in {what}");
            }
        }

        return result;
    }

    public YamlNode Required(Dictionary<string, YamlNode> keys, YamlNode owner, string key, string what) =>
        keys.TryGetValue(key, out var node) ? node : throw Error(owner, $"{what} needs '{key}'");

    public Dictionary<string, string> StringMap(YamlNode node, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Mapping(node, what).Children)
        {
            var name = Scalar(k, $"a name in {what}");
            if (!IsVariableName(name))
            {
                throw Error(k, $"'{name}' in {what} is not a valid variable name");
            }

            result[name] = v is YamlScalarNode { Value: { } s } ? s : throw Error(v, $"{what}.{name} must be a string");
        }

        return result;
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
