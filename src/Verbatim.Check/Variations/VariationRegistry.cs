namespace Verbatim.Check.Variations;

/// <summary>The one list of variations, in the order reports and bisection use (reprotest's order).</summary>
public static class VariationRegistry
{
    public static IReadOnlyList<IVariation> All { get; } =
    [
        new EnvironmentVariation(),
        new BuildPathVariation(),
        new KernelVariation(),
        new AddressSpaceVariation(),
        new CpuCountVariation(),
        new TimeVariation(),
        new UserGroupVariation(),
        new FileOrderingVariation(),
        new DomainHostVariation(),
        new HomeVariation(),
        new LocaleVariation(),
        new ExecPathVariation(),
        new TimeZoneVariation(),
        new UmaskVariation(),
    ];

    public static IVariation? Find(string name) => All.FirstOrDefault(v => v.Name == name);
}
