using Verbatim.Build.Sandbox;
using Verbatim.Common.Identity;

namespace Verbatim.Check.Variations;

/// <summary>Another language and locale: fr_CH.UTF-8 (compiled for the build when the environment lacks it).</summary>
public sealed class LocaleVariation : IVariation
{
    /// <summary>The experiment's locale (reprotest uses the same).</summary>
    public const string Locale = "fr_CH.UTF-8";

    public string Name => "locales";

    public string Description => "LANG and LC_ALL fr_CH.UTF-8";

    public string? SkipReason(VariationContext context) => LocaleFiles.Problem(context.Environment, Locale);

    public BuildIdentity Control(BuildIdentity identity, VariationContext context) => identity;

    public BuildIdentity Vary(BuildIdentity identity, VariationContext context) => identity with { Locale = Locale };
}
