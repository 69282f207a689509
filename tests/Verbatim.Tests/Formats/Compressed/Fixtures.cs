using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Compressed;

/// <summary>Builds compressed fixtures with the real command-line tools.</summary>
internal static class Fixtures
{
    /// <summary>Runs a shell command line in <paramref name="dir"/>.</summary>
    public static string Sh(TempDir dir, string command) => Diff.Exec("sh", "-c \"" + command.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", dir.Path);

    /// <summary>A small tree of text files, tarred reproducibly.</summary>
    public static string Tar(TempDir dir, string name)
    {
        for (var i = 1; i <= 3; i++)
        {
            dir.Write($"tree/f{i}.txt", string.Join("\n", Enumerable.Range(0, 2000 * i).Select(n => $"file {i} line {n} {n * 7919 % 10007}")) + "\n");
        }

        Sh(dir, $"tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf {name} tree");
        return dir.File(name);
    }
}
