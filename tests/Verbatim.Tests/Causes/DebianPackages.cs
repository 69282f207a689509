using System.Diagnostics;
using System.Security.Cryptography;

namespace Verbatim.Tests.Causes;

/// <summary>
/// Fetches given versions of Debian packages with <c>apt-get download</c> into a cache kept between runs
/// (<c>/tmp/verbatim-test-debs</c>), each checked against the SHA256 of the signed index (<c>apt-cache show</c>). When a
/// suite's pool answers 404, the file is fetched from the other archives' pools by the index's Filename.
/// </summary>
public static class DebianPackages
{
    private static readonly string Cache = Environment.GetEnvironmentVariable("VERBATIM_TEST_DEBS") ?? Path.Combine(Path.GetTempPath(), "verbatim-test-debs");

    private static readonly string[] Archives = ["http://deb.debian.org/debian/", "http://deb.debian.org/debian-security/"];

    private static readonly SemaphoreSlim Lock = new(1, 1);

    public static async Task<string> FetchAsync(string name, string version)
    {
        await Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Cache);
            var record = Run("apt-cache", Cache, "show", $"{name}={version}");
            var sha256 = Field(record, "SHA256") ?? throw new InvalidOperationException($"apt-cache show {name}={version}: no SHA256 (is the version on the mirror?)");
            var filename = Field(record, "Filename")!;
            var path = Path.Combine(Cache, Path.GetFileName(filename));
            if (File.Exists(path) && Hash(path) == sha256)
            {
                return path;
            }

            try
            {
                Run("apt-get", Cache, "download", "-q", $"{name}={version}");
            }
            catch (InvalidOperationException)
            {
                // Some pool files are missing on the mirror: fetch by the index's path from any archive.
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                foreach (var archive in Archives)
                {
                    using var response = await http.GetAsync(archive + filename).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).ConfigureAwait(false);
                        break;
                    }
                }
            }

            // apt-get names the file with the epoch's colon escaped; the index's name is the canonical one.
            var downloaded = Directory.GetFiles(Cache, $"{name}_*.deb").FirstOrDefault(f => Hash(f) == sha256);
            if (downloaded is null)
            {
                throw new InvalidOperationException($"{name} {version}: no download matches the signed index's SHA256 {sha256}");
            }

            if (downloaded != path)
            {
                File.Move(downloaded, path, overwrite: true);
            }

            return path;
        }
        finally
        {
            Lock.Release();
        }
    }

    private static string? Field(string record, string name)
    {
        // The first stanza only: `apt-cache show` may list the same version from several suites.
        foreach (var line in record.Split('\n'))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith(name + ": ", StringComparison.Ordinal))
            {
                return line[(name.Length + 2)..].Trim();
            }
        }

        return null;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Run(string program, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }
}
