namespace Verbatim.Build.Recipes;

/// <summary>How <c>SOURCE_DATE_EPOCH</c> is chosen: a fixed number, an input's git commit time, or a Debian changelog.</summary>
/// <param name="Fixed">The number when the recipe gives one.</param>
/// <param name="From"><c>git</c> or <c>debian-changelog</c> when derived.</param>
/// <param name="Input">The input it is derived from (default: the first git input, or the first input holding debian/changelog).</param>
/// <param name="Path">For <c>debian-changelog</c>: the changelog's path inside that input (default <c>debian/changelog</c>).</param>
public sealed record EpochSource(long? Fixed, string? From, string? Input, string? Path);
