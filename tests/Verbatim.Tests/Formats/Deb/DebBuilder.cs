using System.Security.Cryptography;
using System.Text;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Deb;

/// <summary>Builds a small .deb with the real dpkg-deb: a control file, the given files and their md5sums.</summary>
public static class DebBuilder
{
    public static string Build(TempDir dir, string output, string version, IReadOnlyDictionary<string, string> files, string compression = "gzip")
    {
        var root = dir.File("pkg-" + output);
        var sums = new StringBuilder();
        var size = 0;
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            dir.Write($"pkg-{output}/{name}", content);
            sums.Append(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)))).Append("  ").Append(name).Append('\n');
            size += content.Length;
        }

        dir.Write($"pkg-{output}/DEBIAN/control", $"""
            Package: hello
            Version: {version}
            Architecture: all
            Maintainer: Someone <someone@example.org>
            Installed-Size: {(size + 1023) / 1024}
            Depends: libc6 (>= 2.36)
            Description: says hello
             A longer description
             on two lines.

            """);
        dir.Write($"pkg-{output}/DEBIAN/md5sums", sums.ToString());
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
        {
            File.SetLastWriteTimeUtc(path, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        Diff.Exec("env", $"SOURCE_DATE_EPOCH=1704067200 dpkg-deb --root-owner-group -Z{compression} --build {root} {dir.File(output)}");
        return dir.File(output);
    }
}
