using System.Security.Cryptography;
using System.Text;
using Verbatim.Common.Digests;
using Verbatim.Core.Native;

namespace Verbatim.Build.Hashing;

/// <summary>
/// The canonical SHA-256 of a directory tree (docs/recipe.md, "Directory digests"): every entry below the root, depth first,
/// siblings sorted by the ordinal order of their UTF-8 names, each as <c>TYPE MODE SIZE PATH\0PAYLOAD</c> where TYPE is
/// <c>d</c>, <c>f</c> or <c>l</c>, MODE the permission bits in four octal digits (links: 0777), SIZE the payload's length
/// in decimal, PATH the '/'-separated path relative to the root, and PAYLOAD the file's bytes or the link's target.
/// Times, owners and the root's own mode are not part of it. Other entry types (devices, sockets, fifos) are refused.
/// </summary>
public static class TreeHasher
{
    public static Sha256Digest Hash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Walk(hash, root, "");
        return Sha256Digest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>The digest a recipe pins for <paramref name="path"/>: a file's plain SHA-256, or a directory's canonical one.</summary>
    public static Sha256Digest OfPath(string path) =>
        Directory.Exists(path) && !new FileInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint)
            ? Hash(path)
            : Sha256Digest.OfFile(path);

    /// <summary>The entries of a directory in canonical order (ordinal UTF-8 byte order of names).</summary>
    public static IEnumerable<FileSystemInfo> SortedEntries(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false })
            .OrderBy(e => e.Name, Utf8Order.Instance);

    private static void Walk(IncrementalHash hash, string directory, string prefix)
    {
        foreach (var entry in SortedEntries(directory))
        {
            var path = prefix + entry.Name;
            var mode = (int)entry.UnixFileMode & 0xFFF;
            if (entry.LinkTarget is { } target)
            {
                Append(hash, 'l', 0x1FF, path, Encoding.UTF8.GetBytes(target));
            }
            else if (entry is DirectoryInfo)
            {
                Append(hash, 'd', mode, path, []);
                Walk(hash, entry.FullName, path + "/");
            }
            else if (entry is FileInfo file && IsRegular(file))
            {
                AppendHeader(hash, 'f', mode, file.Length, path);
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    total += read;
                }

                if (total != file.Length)
                {
                    throw new IOException($"{file.FullName} changed while it was hashed");
                }
            }
            else
            {
                throw new IOException($"{entry.FullName} is not a file, directory or symbolic link");
            }
        }
    }

    private static bool IsRegular(FileInfo file) =>
        FileStatus.Of(file.FullName) is not { } status || status.Type == FileStatus.Regular;

    private static void Append(IncrementalHash hash, char type, int mode, string path, byte[] payload)
    {
        AppendHeader(hash, type, mode, payload.Length, path);
        hash.AppendData(payload);
    }

    private static void AppendHeader(IncrementalHash hash, char type, int mode, long size, string path) =>
        hash.AppendData(Encoding.UTF8.GetBytes($"{type} {Convert.ToString(mode, 8).PadLeft(4, '0')} {size} {path}\0"));
}
