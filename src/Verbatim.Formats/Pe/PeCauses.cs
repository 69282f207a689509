using System.Globalization;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Pe;

/// <summary>The causes of differences in PE images, portable PDBs and .NET metadata, with their explanations.</summary>
internal static class PeCauses
{
    /// <summary>A 32-bit stamp shown as a date, or as a hash when the image is deterministic.</summary>
    public static string Stamp(uint value, bool deterministic) =>
        deterministic || !Timestamps.IsPlausible(value)
            ? "0x" + value.ToString("x8", CultureInfo.InvariantCulture)
            : Timestamps.Describe(value);

    /// <summary>The cause of a differing stamp (COFF TimeDateStamp, debug entry stamp).</summary>
    public static Cause Stamp(string field, string left, string right, bool deterministic) => deterministic
        ? new Cause(CauseKind.EmbeddedHash, $"built deterministically, so the {field} is a hash of the content: it changes whenever anything else in the image does", left, right)
        : new Cause(CauseKind.Timestamp, $"the build time is recorded in the {field} (compile with /deterministic, or link with /Brepro, to replace it by a content hash)", left, right);

    /// <summary>The cause of a differing identifier that is random unless the build is deterministic (MVID, PDB id).</summary>
    public static Cause Identifier(string field, string left, string right, bool deterministic) => deterministic
        ? new Cause(CauseKind.EmbeddedHash, $"built deterministically, so the {field} is a hash of the content: it changes whenever anything else does", left, right)
        : new Cause(CauseKind.RandomId, $"a random {field} is generated per build unless compiled with /deterministic", left, right);

    public static Cause Mvid(string left, string right, bool deterministic) => deterministic
        ? new Cause(CauseKind.EmbeddedHash, "with /deterministic the module version id is a hash of the content: it changes whenever anything else in the assembly does", left, right)
        : new Cause(CauseKind.RandomId, "a random module version id is generated per build unless compiled with /deterministic", left, right);

    public static Cause Checksum(string field, string left, string right) =>
        new(CauseKind.EmbeddedHash, $"the {field} is computed over the file's contents: it changes whenever anything else does", left, right);

    public static Cause Toolchain(string field, string left, string right) =>
        new(CauseKind.ToolchainVersion, $"built with a different toolchain ({field})", left, right);

    public static Cause PdbPath(string left, string right) =>
        new(CauseKind.BuildPath, "the PDB's path at build time is recorded in the CodeView entry (use -pathmap or a fixed output directory)", left, right);

    /// <summary>
    /// The build-path cause when two lists of paths differ only in a leading directory: the differing prefixes of the
    /// first pair that differs, else null.
    /// </summary>
    public static Cause? PathPrefix(IReadOnlyList<string> left, IReadOnlyList<string> right, string what)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var l = left[i].Replace('\\', '/');
            var r = right[i].Replace('\\', '/');
            if (string.Equals(l, r, StringComparison.Ordinal))
            {
                continue;
            }

            var common = 0;
            while (common < l.Length && common < r.Length && l[^(common + 1)] == r[^(common + 1)])
            {
                common++;
            }

            var suffix = l[(l.Length - common)..];
            var slash = suffix.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            var cut = common - slash;
            return new Cause(CauseKind.BuildPath, $"{what} are recorded under another directory (use -pathmap or deterministic source paths)", left[i][..(left[i].Length - cut)], right[i][..(right[i].Length - cut)]);
        }

        return null;
    }
}
