using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the custom attributes of the assembly and the module, one field per attribute type, with the causes
/// found in their decoded arguments (a commit id in AssemblyInformationalVersion, a date, a path…).
/// </summary>
internal static partial class AssemblyAttributes
{
    private const int MaxAttributes = 2000;

    public static void Compare(MetadataNames a, MetadataNames b, DifferenceList diffs)
    {
        var left = Attributes(a);
        var right = Attributes(b);
        foreach (var key in left.Keys.Concat(right.Keys.Where(k => !left.ContainsKey(k))))
        {
            left.TryGetValue(key, out var l);
            right.TryGetValue(key, out var r);
            if (string.Equals(l, r, StringComparison.Ordinal))
            {
                continue;
            }

            var causes = new List<Cause>();
            if (l is not null && r is not null)
            {
                var revisionA = RevisionRegex().Match(l);
                var revisionB = RevisionRegex().Match(r);
                if (revisionA.Success && revisionB.Success && revisionA.Value != revisionB.Value)
                {
                    causes.Add(new Cause(CauseKind.EmbeddedHash, "the source revision (commit id) is embedded in the version (SourceRevisionId / IncludeSourceRevisionInInformationalVersion)", revisionA.Groups[1].Value, revisionB.Groups[1].Value));
                }

                ContentCauses.Merge(causes, ContentCauses.Classify(l, r));
            }

            diffs.Field(key, l, r, [.. causes]);
        }
    }

    /// <summary>Each attribute's arguments by <c>assembly attribute TypeName</c> (with <c>(#2)</c> for repeats).</summary>
    private static Dictionary<string, string> Attributes(MetadataNames names)
    {
        var reader = names.Reader;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new List<(string Scope, CustomAttributeHandleCollection Handles)> { ("module", reader.GetModuleDefinition().GetCustomAttributes()) };
        if (reader.IsAssembly)
        {
            sources.Insert(0, ("assembly", reader.GetAssemblyDefinition().GetCustomAttributes()));
        }

        foreach (var (scope, handles) in sources)
        {
            foreach (var handle in handles.Take(MaxAttributes))
            {
                var attribute = reader.GetCustomAttribute(handle);
                var name = $"{scope} attribute {CustomAttributeFormatter.TypeName(names, attribute)}";
                var n = seen[name] = seen.GetValueOrDefault(name) + 1;
                found[n == 1 ? name : $"{name} (#{n})"] = CustomAttributeFormatter.Arguments(names, attribute);
            }
        }

        return found;
    }

    [GeneratedRegex(@"\+([0-9a-fA-F]{7,64})\b")]
    private static partial Regex RevisionRegex();
}
