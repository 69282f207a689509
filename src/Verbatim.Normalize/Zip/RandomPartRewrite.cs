using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// A flavor's randomly named part (a nupkg's <c>package/services/metadata/core-properties/*.psmdcp</c>, see
/// <see cref="ZipRandomPart"/>) is renamed after the SHA-256 of its own contents, and each random relationship id in
/// its relationships entry (<c>_rels/.rels</c>) becomes <c>R</c> plus the first 16 hex digits of the SHA-256 of the
/// relationship's type and target (with the new part name).
/// </summary>
internal static partial class RandomPartRewrite
{
    public static void Rewrite(ZipRandomPart part, List<ZipPending> entries, NormalizeContext context, List<Change> changes)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => part.Matches(e.DisplayName) && context.Applies(Normalizations.NupkgPsmdcpName)))
        {
            var name = part.Folder + Hex(entry.ReadAll())[..32] + part.Extension;
            if (name != entry.DisplayName)
            {
                if (entries.Any(e => e.DisplayName == name))
                {
                    throw new UnsupportedInputException($"{entry.DisplayName}: two core-properties parts with the same contents");
                }

                changes.Add(new Change(Normalizations.NupkgPsmdcpName, entry.DisplayName, "name", entry.DisplayName, name));
                renames["/" + entry.DisplayName] = "/" + name;
                entry.DisplayName = name;
                entry.Name = Encoding.UTF8.GetBytes(name);
            }
        }

        var rels = entries.FirstOrDefault(e => e.DisplayName == part.Relationships);
        if (rels is null)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(rels.ReadAll());
        var ids = context.Applies(Normalizations.NupkgRelsIds);
        var rewritten = Relationship().Replace(text, match => Rewrite(match.Value, renames, ids, rels.DisplayName, changes));
        if (rewritten != text)
        {
            rels.Replacement = new MemoryContent(Encoding.UTF8.GetBytes(rewritten));
        }
    }

    private static string Rewrite(string element, Dictionary<string, string> renames, bool ids, string member, List<Change> changes)
    {
        var target = Attribute("Target").Match(element);
        var type = Attribute("Type").Match(element);
        var id = Attribute("Id").Match(element);
        var result = element;
        var targetValue = target.Success ? target.Groups["v"].Value : "";
        if (target.Success && renames.TryGetValue(targetValue, out var renamed))
        {
            result = result.Replace(target.Value, target.Value.Replace(targetValue, renamed, StringComparison.Ordinal), StringComparison.Ordinal);
            targetValue = renamed;
        }

        if (ids && id.Success)
        {
            var newId = "R" + Hex(Encoding.UTF8.GetBytes((type.Success ? type.Groups["v"].Value : "") + "\n" + targetValue))[..16];
            if (newId != id.Groups["v"].Value)
            {
                changes.Add(new Change(Normalizations.NupkgRelsIds, member, "relationship id", id.Groups["v"].Value, newId));
                result = result.Replace(id.Value, id.Value.Replace(id.Groups["v"].Value, newId, StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        return result;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Regex Attribute(string name) => new($@"\b{name}=""(?<v>[^""]*)""", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"<Relationship\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Relationship();
}
