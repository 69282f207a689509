using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Archives.Tar;

namespace Verbatim.Rebuild.Ecosystems.Python;

/// <summary>The build backend a <c>pyproject.toml</c> declares (<c>[build-system] build-backend</c>), read without a TOML library: only that table's key is needed.</summary>
internal static partial class PyProject
{
    /// <summary>The backend module (e.g. <c>hatchling.build</c>), or setuptools' legacy backend when none is declared.</summary>
    public static string Backend(string? text)
    {
        if (text is null)
        {
            return "setuptools.build_meta:__legacy__";
        }

        var inTable = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inTable = line == "[build-system]";
                continue;
            }

            if (inTable && BackendLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        return "setuptools.build_meta:__legacy__";
    }

    /// <summary>The text of an sdist's top-level <c>pyproject.toml</c> (<c>NAME-VERSION/pyproject.toml</c>, at most 1 MiB), read from the tarball without extracting; null when it has none or is not a gzip-compressed tar.</summary>
    public static string? FromSdist(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var tar = new TarReader(gzip);
            foreach (var entry in tar.Entries())
            {
                var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
                if (entry.Type == TarEntryType.File && slash > 0 && entry.Name[(slash + 1)..] == "pyproject.toml" && entry.Size <= 1 << 20)
                {
                    using var data = tar.OpenData(entry);
                    using var reader = new StreamReader(data, Encoding.UTF8);
                    return reader.ReadToEnd();
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The Debian package that provides a backend module on this system.</summary>
    public static string DebianPackage(string backend) => backend.Split('.', ':')[0] switch
    {
        "hatchling" => "python3-hatchling",
        "flit_core" => "python3-flit",
        "poetry" => "python3-poetry-core",
        "pdm" => "python3-pdm-backend",
        _ => "python3-setuptools",
    };

    [GeneratedRegex("^build-backend\\s*=\\s*[\"']([^\"']+)[\"']")]
    private static partial Regex BackendLine();
}
