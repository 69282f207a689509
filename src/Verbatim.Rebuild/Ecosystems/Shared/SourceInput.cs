using Verbatim.Build.Hashing;
using Verbatim.Common.Digests;

namespace Verbatim.Rebuild.Ecosystems.Shared;

/// <summary>A source given on the command line, pinned by digest for the inferred recipe: a directory (as <c>verbatim hash</c> hashes it) or an archive file.</summary>
internal static class SourceInput
{
    public static (string Path, string Sha256, bool IsDirectory) Pin(string spec)
    {
        var full = System.IO.Path.GetFullPath(spec);
        if (Directory.Exists(full))
        {
            return (full, TreeHasher.OfPath(full).Hex, true);
        }

        if (File.Exists(full))
        {
            return (full, Sha256Digest.OfFile(full).Hex, false);
        }

        throw new RebuildException($"{spec}: no such file or directory");
    }

    /// <summary>The given references, each checked to exist.</summary>
    public static List<ReferenceArtifact> Given(IReadOnlyList<string> paths) =>
        [.. paths.Select(p => File.Exists(p)
            ? new ReferenceArtifact(System.IO.Path.GetFileName(p), System.IO.Path.GetFullPath(p), Sha256Digest.OfFile(p).Hex, "given")
            : throw new RebuildException($"{p}: no such reference file"))];
}
