using System.Security.Cryptography;
using System.Text;
using Verbatim.Build.Cache;
using Verbatim.Build.Environments;
using Verbatim.Build.Recipes;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>The content store's blobs added and copied by digest, and unpacked root file systems trusted through their verification marker.</summary>
public sealed class ContentStoreTests
{
    [Fact]
    public void A_blob_is_added_only_with_its_digest_and_copied_out_while_it_still_matches()
    {
        using var dir = new TempDir();
        var store = new ContentStore(dir.File("cas"));
        var file = dir.Write("source.tar.xz", "the source");
        var digest = Hex("the source");

        Assert.Throws<InvalidDataException>(() => store.AddBlob(file, Hex("something else")));
        Assert.False(store.TryCopyBlob(digest, dir.File("copy")));
        store.AddBlob(file, digest);
        Assert.True(store.TryCopyBlob(digest, dir.File("copy")));
        Assert.Equal("the source", File.ReadAllText(dir.File("copy")));

        File.SetUnixFileMode(store.BlobPath(digest), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(store.BlobPath(digest), "corrupted");
        Assert.False(store.TryCopyBlob(digest, dir.File("copy2")));
        Assert.False(File.Exists(store.BlobPath(digest)));
    }

    [Fact]
    public async Task An_unpacked_root_file_system_is_hashed_once_when_unpacked_then_trusted_through_its_marker()
    {
        using var dir = new TempDir();
        var store = new ContentStore(dir.File("cas"));
        var tree = dir.File("tree");
        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        File.WriteAllText(Path.Combine(tree, "etc", "os-release"), "ID=test\n");
        var tar = dir.File("rootfs.tar");
        await DeterministicTar.PackAsync(tree, tar);
        var digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tar)));
        store.AddBlob(tar, digest);
        var environment = new RecipeEnvironment(digest, []);

        Assert.Null(store.VerifiedRootfs(digest));
        var first = await EnvironmentResolver.ResolveAsync(environment, store);
        Assert.Equal(store.RootfsPath(digest), first.Root);
        Assert.Equal("sha256:" + digest + "\n", File.ReadAllText(store.RootfsMarkerPath(digest)));
        Assert.Equal(store.RootfsPath(digest), store.VerifiedRootfs(digest));

        // The blob is no longer read once the tree is marked: a changed blob does not matter to the unpacked tree.
        File.SetUnixFileMode(store.BlobPath(digest), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(store.BlobPath(digest), "changed");
        Assert.Equal(store.RootfsPath(digest), (await EnvironmentResolver.ResolveAsync(environment, store)).Root);

        // Without the marker (or with another digest in it) the blob is verified again, and a corrupt one is refused.
        File.WriteAllText(store.RootfsMarkerPath(digest), "sha256:" + new string('0', 64) + "\n");
        Assert.Null(store.VerifiedRootfs(digest));
        await Assert.ThrowsAsync<Verbatim.Build.BuildException>(() => EnvironmentResolver.ResolveAsync(environment, store));
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
