using System.Runtime.CompilerServices;
using Verbatim.Archives.Zip;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Zip;

/// <summary>
/// The zip family's formats, one per <see cref="ZipFlavor"/> of <see cref="ZipFlavors"/> (a flavor with explanations
/// of its own has a subclass here), and which of them an input is: decided once per input by the shared
/// <see cref="ZipProbe"/>, cached while the input lives so the directory is read once for recognition and comparison.
/// </summary>
public static class ZipFamily
{
    private static readonly ConditionalWeakTable<Input, ZipProbe> Probes = [];

    private static readonly Dictionary<string, ZipFamilyFormat> Explained = new(StringComparer.Ordinal)
    {
        [ZipFlavors.Nupkg.Name] = new NupkgFormat(),
        [ZipFlavors.Jar.Name] = new JarFormat(),
        [ZipFlavors.Wheel.Name] = new WheelFormat(),
    };

    /// <summary>Every format of the family, specific ones first, for <see cref="FormatRegistry"/>.</summary>
    public static IReadOnlyList<ZipFamilyFormat> Formats { get; } =
        [.. ZipFlavors.All.Select(f => Explained.GetValueOrDefault(f.Name) ?? new ZipFamilyFormat(f))];

    /// <summary>The probe of <paramref name="input"/>, made once while the input lives.</summary>
    public static ZipProbe Probe(Input input) => Probes.GetValue(input, i => new ZipProbe(i.Content, i.Name, i.Head));

    /// <summary>The family format name of <paramref name="input"/>, or null when it is not a zip.</summary>
    public static string? Classify(Input input) => Probe(input).Flavor?.Name;
}
