using Verbatim.Core.Causes;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Members;

/// <summary>The explanation given when a member field with a known cause differs.</summary>
public static class FieldCauses
{
    public static Cause For(CauseKind kind, string field, string? left, string? right) => kind switch
    {
        CauseKind.Timestamp => new Cause(kind, $"the archiver recorded when the file was written ({field})", left, right),
        CauseKind.Permissions => new Cause(kind, $"file permissions differ ({field}): the build's umask or the tool's defaults", left, right),
        CauseKind.Ownership => new Cause(kind, $"the archiver recorded the building user's owner or group ({field})", left, right),
        CauseKind.Compression => new Cause(kind, $"compressed with different settings or another compressor ({field})", left, right),
        CauseKind.BuildPath => new Cause(kind, $"the build directory is recorded ({field})", left, right),
        CauseKind.RandomId => new Cause(kind, $"a random identifier is generated at each build ({field})", left, right),
        CauseKind.HostOrUser => new Cause(kind, $"the build machine's host or user name is recorded ({field})", left, right),
        CauseKind.BuildId => new Cause(kind, $"the build-id differs ({field})", left, right),
        CauseKind.EmbeddedHash => new Cause(kind, $"a digest of other contents differs ({field}): it changes whenever what it hashes changes", left, right),
        CauseKind.ToolchainVersion => new Cause(kind, $"a different toolchain version is recorded ({field})", left, right),
        _ => new Cause(kind, $"{kind.Title()} differs ({field})", left, right),
    };

    /// <summary>
    /// The field differences of a member whose content changed, without the compression causes: a compressed size
    /// (or method) follows the content, so it says nothing about the compressor's settings.
    /// </summary>
    public static List<Difference> WhenContentChanged(List<Difference> fields) =>
        [.. fields.Select(f => f.Causes.Any(c => c.Kind == CauseKind.Compression) ? f with { Causes = [.. f.Causes.Where(c => c.Kind != CauseKind.Compression)] } : f)];

    /// <summary>Field differences between two field lists, in the first list's order, then fields only in the second.</summary>
    public static List<Difference> Compare(string path1, string path2, IReadOnlyList<MemberField> left, IReadOnlyList<MemberField> right)
    {
        var differences = new List<Difference>();
        var rightByName = new Dictionary<string, MemberField>(StringComparer.Ordinal);
        foreach (var field in right)
        {
            rightByName.TryAdd(field.Name, field);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in left)
        {
            if (!seen.Add(l.Name))
            {
                continue;
            }

            rightByName.TryGetValue(l.Name, out var r);
            if (r is null || !string.Equals(l.Value, r.Value, StringComparison.Ordinal))
            {
                differences.Add(Make(l.Name, l.Value, r?.Value, l.Cause ?? r?.Cause));
            }
        }

        foreach (var r in right)
        {
            if (seen.Add(r.Name))
            {
                differences.Add(Make(r.Name, null, r.Value, r.Cause));
            }
        }

        return differences;

        Difference Make(string name, string? l, string? r, CauseKind? kind)
        {
            Cause[] causes = kind is { } k ? [For(k, name, l, r)] : l is not null && r is not null ? [.. ContentCauses.Classify(l, r)] : [];
            return Difference.ForField(path1, path2, name, l, r, causes);
        }
    }
}
