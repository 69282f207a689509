using Verbatim.Build.Hashing;
using Verbatim.Common.Digests;

namespace Verbatim.Build.Cache;

/// <summary>
/// The content-addressed cache at a root its caller chooses (the CLI's default is <c>~/.cache/verbatim/cas</c>): files under <c>blobs/HEX</c>,
/// directory trees under <c>trees/HEX/</c>, unpacked root file systems under <c>rootfs/HEX/</c>. Entries arrive by an atomic
/// rename of a verified staging copy, and are hashed again every time they are used.
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
