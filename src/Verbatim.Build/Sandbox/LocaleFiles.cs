using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Verbatim.Build.Environments;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// A UTF-8 locale other than C for the steps: compiled with <c>localedef</c> from the environment's own sources
/// (<c>/usr/share/i18n/locales</c> and <c>charmaps/UTF-8.gz</c>) into a cache folder, mounted read-only at
/// <see cref="MountPath"/> and named by <c>LOCPATH</c>, so an environment without the locale installed still has it.
/// Each locale is compiled once per environment and cache folder.
/// </summary>
public static class LocaleFiles
{
    public const string MountPath = "/run/verbatim/locale";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Compiled = new(StringComparer.Ordinal);

    /// <summary>True for the locales every C library has built in (C, POSIX, C.UTF-8): nothing needs compiling.</summary>
    public static bool IsBuiltIn(string locale) => locale is "C" or "POSIX" || locale.StartsWith("C.", StringComparison.Ordinal);

    /// <summary>Why <paramref name="locale"/> cannot be compiled for the environment (one phrase), or null when it can.</summary>
    public static string? Problem(ResolvedEnvironment environment, string locale)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Parse(locale) is not var (source, _))
        {
            return $"locale {locale} is not a UTF-8 locale (LANGUAGE_TERRITORY.UTF-8)";
        }

        var i18n = Path.Combine(environment.Root, "usr", "share", "i18n");
        if (!File.Exists(Path.Combine(i18n, "locales", source)) || !File.Exists(Path.Combine(i18n, "charmaps", "UTF-8.gz")))
        {
            return $"the environment has no locale source for {locale} (/usr/share/i18n/locales/{source}; Debian package locales)";
        }

        return File.Exists(Localedef) ? null : $"locale {locale} cannot be compiled: {Localedef} is missing (Debian package libc-bin)";
    }

    private const string Localedef = "/usr/bin/localedef";

    /// <summary>The bwrap arguments and variables that give the steps <paramref name="locale"/>, compiled into <paramref name="cacheRoot"/> when not there yet.</summary>
    /// <exception cref="BuildException">The locale cannot be compiled.</exception>
    public static (List<string> Arguments, KeyValuePair<string, string> Variable) Apply(ResolvedEnvironment environment, string locale, string cacheRoot)
    {
        if (Problem(environment, locale) is { } problem)
        {
            throw new BuildException("identity: " + problem);
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{environment.Root}\n{environment.Digest}\n{locale}")))[..16];
        var target = Path.Combine(Path.GetFullPath(cacheRoot), key);
        var folder = Compiled.GetOrAdd(target, t => new Lazy<string>(() => Compile(environment, locale, t))).Value;
        return (["--ro-bind", folder, MountPath], new("LOCPATH", MountPath));
    }

    private static string Compile(ResolvedEnvironment environment, string locale, string target)
    {
        if (Directory.Exists(Path.Combine(target, locale)))
        {
            return target;
        }

        var (source, _) = Parse(locale)!.Value;
        var i18n = Path.Combine(environment.Root, "usr", "share", "i18n");
        var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temporary);

        // localedef reads a charmap given by path only uncompressed.
        var charmap = Path.Combine(temporary, "UTF-8.charmap");
        using (var packed = new GZipStream(File.OpenRead(Path.Combine(i18n, "charmaps", "UTF-8.gz")), CompressionMode.Decompress))
        using (var plain = File.Create(charmap))
        {
            packed.CopyTo(plain);
        }

        var info = new ProcessStartInfo(Localedef) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--no-archive", "-i", Path.Combine(i18n, "locales", source), "-f", charmap, Path.Combine(temporary, locale) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["I18NPATH"] = i18n;
        using var process = Process.Start(info) ?? throw new BuildException($"identity: cannot run {Localedef}");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode is not (0 or 1) || !File.Exists(Path.Combine(temporary, locale, "LC_CTYPE")))
        {
            Directory.Delete(temporary, recursive: true);
            throw new BuildException($"identity: localedef could not compile {locale}: {OutputTail.OneLine(error.Result)}");
        }

        File.Delete(charmap);

        // Readable by the sandbox's unprivileged host user, whoever compiled it.
        foreach (var path in Directory.EnumerateFileSystemEntries(temporary, "*", SearchOption.AllDirectories).Append(temporary))
        {
            File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }

        try
        {
            Directory.Move(temporary, target);
        }
        catch (IOException) when (Directory.Exists(Path.Combine(target, locale)))
        {
            Directory.Delete(temporary, recursive: true);
        }

        return target;
    }

    /// <summary><c>fr_CH.UTF-8</c> → (<c>fr_CH</c>, <c>UTF-8</c>); <c>ca_ES.UTF-8@valencia</c> → (<c>ca_ES@valencia</c>, …); null when not a UTF-8 locale.</summary>
    private static (string Source, string Charset)? Parse(string locale)
    {
        var at = locale.IndexOf('@', StringComparison.Ordinal);
        var modifier = at < 0 ? "" : locale[at..];
        var main = at < 0 ? locale : locale[..at];
        var dot = main.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || main[(dot + 1)..].ToUpperInvariant() is not ("UTF-8" or "UTF8"))
        {
            return null;
        }

        var language = main[..dot];
        return language.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? (language + modifier, "UTF-8") : null;
    }
}
