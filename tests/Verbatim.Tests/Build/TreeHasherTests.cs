using Verbatim.Build.Hashing;
using Verbatim.Common.Digests;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

[Collection("sandbox")]
public sealed class TreeHasherTests
{
    private static string Tree(TempDir dir)
    {
        dir.Write("t/a.txt", "alpha\n");
        dir.Write("t/sub/b.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(dir.File("t/sub/b.sh"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(dir.File("t/a.txt"), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(dir.File("t/sub"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(dir.File("t/link"), "a.txt");
        return dir.File("t");
    }

    [Fact]
    public void The_canonical_form_is_documented_and_stable()
    {
        using var dir = new TempDir();
        var root = Tree(dir);
        var canonical = "f 0644 6 a.txt\0alpha\n" + "l 0777 5 link\0a.txt" + "d 0755 0 sub\0" + "f 0755 10 sub/b.sh\0#!/bin/sh\n";
        Assert.Equal(Sha256Digest.Of(System.Text.Encoding.UTF8.GetBytes(canonical)), TreeHasher.Hash(root));
    }

    [Fact]
    public void Times_do_not_count_but_modes_contents_and_link_targets_do()
    {
        using var dir = new TempDir();
        var root = Tree(dir);
        var before = TreeHasher.Hash(root);
        File.SetLastWriteTimeUtc(dir.File("t/a.txt"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(before, TreeHasher.Hash(root));

        File.SetUnixFileMode(dir.File("t/a.txt"), (UnixFileMode)0b111_101_101);
        var modeChanged = TreeHasher.Hash(root);
        Assert.NotEqual(before, modeChanged);

        File.Delete(dir.File("t/link"));
        File.CreateSymbolicLink(dir.File("t/link"), "sub/b.sh");
        Assert.NotEqual(modeChanged, TreeHasher.Hash(root));
    }

    [Fact]
    public void A_fifo_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("t"));
        Diff.Exec("mkfifo", dir.File("t/pipe"));
        Assert.Throws<IOException>(() => TreeHasher.Hash(dir.File("t")));
    }

    [Fact]
    public void Verbatim_hash_prints_the_digest_a_recipe_pins()
    {
        using var dir = new TempDir();
        var file = dir.Write("f.txt", "hello\n");
        var result = Support.InProcessCli.Run("hash", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  {file}\n", result.StdOut);
    }
}
