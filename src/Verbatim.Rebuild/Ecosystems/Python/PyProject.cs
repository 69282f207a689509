using System.Text.RegularExpressions;

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
