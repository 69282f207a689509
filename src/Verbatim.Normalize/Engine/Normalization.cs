namespace Verbatim.Normalize.Engine;

/// <summary>
/// One named change normalization can make: a stable id (recorded on every <see cref="Change"/> and selected with
/// <c>--only</c>, <c>--skip</c> and <c>--with</c>), the format it applies to, and a one-line description.
/// </summary>
/// <param name="Id">The stable id, e.g. <c>zip-entry-times</c>.</param>
/// <param name="Format">The handler family it applies to (<c>zip</c>, <c>tar</c>, <c>gzip</c>, ...).</param>
/// <param name="Description">What it changes, one line.</param>
/// <param name="ByDefault">Whether a run applies it when no selection is given.</param>
public sealed record Normalization(string Id, string Format, string Description, bool ByDefault = true);
