namespace Verbatim.Normalize.Engine;

/// <summary>
/// One change normalization made (or would make): which normalization, in which member (empty for the file itself),
/// which field, and the value before and after (null when the thing was added or removed).
/// </summary>
public sealed record Change(Normalization Normalization, string Member, string Field, string? From, string? To)
{
    /// <summary>The normalization's stable id (see <see cref="Normalizations"/>).</summary>
    public string Id => Normalization.Id;

    /// <summary>The same change seen from a container: <paramref name="prefix"/> joined in front of the member name.</summary>
    public Change Under(string prefix) => prefix.Length == 0 ? this : this with { Member = Member.Length == 0 ? prefix : prefix + "/" + Member };
}
