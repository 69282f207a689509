namespace Verbatim.Archives.Zip;

/// <summary>
/// A part that the packing tool names at random at each pack (NuGet's core properties <c>.psmdcp</c>), and the
/// relationships entry whose random ids and targets point at it (<c>_rels/.rels</c>).
/// </summary>
public sealed record ZipRandomPart(string Folder, string Extension, string Relationships)
{
    /// <summary>True when <paramref name="name"/> is such a part: directly in <see cref="Folder"/>, ending with <see cref="Extension"/>.</summary>
    public bool Matches(string name) =>
        name.StartsWith(Folder, StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal) && name.IndexOf('/', Folder.Length) < 0;
}
