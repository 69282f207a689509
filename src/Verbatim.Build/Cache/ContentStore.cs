using Verbatim.Build.Hashing;
using Verbatim.Common.Digests;
using Verbatim.Common.IO;

namespace Verbatim.Build.Cache;

/// <summary>
/// The content-addressed cache at a root its caller chooses (the CLI's default is <c>~/.cache/verbatim/cas</c>): files under <c>blobs/HEX</c>,
/// directory trees under <c>trees/HEX/</c>, unpacked root file systems under <c>rootfs/HEX/</c>. Entries arrive by an atomic
/// rename of a verified staging copy, and blobs and trees are hashed again every time they are used. An unpacked root
/// file system is the exception: it was unpacked from its blob after the blob was verified, and
/// <c>rootfs/HEX.verified</c> (written atomically once the unpacked tree is in place) records that; while the marker
/// and the tree are there, the blob (hundreds of megabytes) is not hashed again on every use.
/// </summary>
public sealed class ContentStore
{
    public ContentStore(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (var dir in new[] { "blobs", "trees", "rootfs", "git", "tmp" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Root, dir));
        }
    }

    public string Root { get; }

    public string BlobPath(string digest) => Path.Combine(Root, "blobs", digest);

    public string TreePath(string digest) => Path.Combine(Root, "trees", digest);

    public string RootfsPath(string digest) => Path.Combine(Root, "rootfs", digest);

    public string GitRecordPath(string commit) => Path.Combine(Root, "git", commit);

    /// <summary>The marker recording that <see cref="RootfsPath"/> was unpacked from the blob after it hashed to its digest.</summary>
    public string RootfsMarkerPath(string digest) => Path.Combine(Root, "rootfs", digest + ".verified");

    /// <summary>The unpacked root file system's path when it is present and its marker says it was unpacked from the verified blob; null otherwise.</summary>
    public string? VerifiedRootfs(string digest)
    {
        var path = RootfsPath(digest);
        var marker = RootfsMarkerPath(digest);
        return System.IO.Directory.Exists(path) && File.Exists(marker) && File.ReadAllText(marker).Trim() == "sha256:" + digest ? path : null;
    }

    /// <summary>Records (atomically) that <see cref="RootfsPath"/> holds what the blob <paramref name="digest"/>, verified just before, unpacks to.</summary>
    public void MarkRootfsVerified(string digest)
    {
        if (!System.IO.Directory.Exists(RootfsPath(digest)))
        {
            throw new InvalidOperationException($"rootfs/{digest} is not unpacked");
        }

        AtomicWrite.Text(RootfsMarkerPath(digest), "sha256:" + digest + "\n");
    }

    /// <summary>
    /// Copies the cached blob <paramref name="digest"/> to <paramref name="target"/> when it is present and still hashes to
    /// it (a corrupt entry is removed); false when it is not cached.
    /// </summary>
    public bool TryCopyBlob(string digest, string target)
    {
        if (VerifiedBlob(digest) is not { } blob)
        {
            return false;
        }

        var staging = target + ".verbatim-" + Guid.NewGuid().ToString("N");
        File.Copy(blob, staging, overwrite: true);
        File.Move(staging, target, overwrite: true);
        return true;
    }

    /// <summary>Adds a copy of <paramref name="file"/> as blob <paramref name="digest"/>; the copy is hashed before it is renamed in, and a file that does not hash to the digest is refused.</summary>
    /// <exception cref="InvalidDataException">The file does not hash to <paramref name="digest"/>.</exception>
    public string AddBlob(string file, string digest)
    {
        var path = BlobPath(digest);
        if (File.Exists(path))
        {
            return path;
        }

        var staging = NewStaging();
        try
        {
            var copy = Path.Combine(staging, "blob");
            File.Copy(file, copy);
            var actual = Sha256Digest.OfFile(copy).Hex;
            return actual == digest ? Adopt(copy, digest) : throw new InvalidDataException($"{file}: sha256 {actual}, not {digest}");
        }
        finally
        {
            TreeCopy.Delete(staging);
        }
    }

    /// <summary>A fresh, empty staging directory inside the cache (same file system, so entries can be renamed in).</summary>
    public string NewStaging()
    {
        var path = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The blob's path when it is present and still hashes to <paramref name="digest"/>; a corrupt entry is removed.</summary>
    public string? VerifiedBlob(string digest)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            return null;
        }

        if (Sha256Digest.OfFile(path).Hex == digest)
        {
            return path;
        }

        File.Delete(path);
        return null;
    }

    /// <summary>The tree's path when it is present and still hashes to <paramref name="digest"/>; a corrupt entry is removed.</summary>
    public string? VerifiedTree(string digest)
    {
        var path = TreePath(digest);
        if (!System.IO.Directory.Exists(path))
        {
            return null;
        }

        if (TreeHasher.Hash(path).Hex == digest)
        {
            return path;
        }

        TreeCopy.Delete(path);
        return null;
    }

    /// <summary>Moves a verified staging file or directory into place under its digest.</summary>
    public string Adopt(string staged, string digest)
    {
        var isTree = System.IO.Directory.Exists(staged);
        var target = isTree ? TreePath(digest) : BlobPath(digest);
        if (Path.Exists(target))
        {
            TreeCopy.Delete(staged);
            return target;
        }

        try
        {
            if (isTree)
            {
                System.IO.Directory.Move(staged, target);
            }
            else
            {
                File.Move(staged, target);
            }
        }
        catch (IOException) when (Path.Exists(target))
        {
            TreeCopy.Delete(staged);
        }

        return target;
    }
}
