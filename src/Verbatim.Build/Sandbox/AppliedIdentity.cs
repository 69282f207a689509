using System.Globalization;
using Verbatim.Build.Environments;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Sandbox;

/// <summary>
/// A <see cref="BuildIdentity"/> made concrete for one environment: the variables every step starts with, the directory
/// holding its /etc files (and uname script), the extra bwrap arguments and the CPU list. A field the environment or the
/// machine cannot give is refused here, before any step runs, rather than silently left real.
/// </summary>
public sealed record AppliedIdentity(
    BuildIdentity Identity,
    string FilesDirectory,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyList<string> ExtraArguments,
    string? CpuList)
{
    public const string SearchPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    /// <summary>The umask as the shell takes it (three octal digits).</summary>
    public string UmaskText => Convert.ToString(Identity.Umask, 8).PadLeft(3, '0');

    /// <exception cref="BuildException">The identity is invalid, or asks for what this environment or machine cannot give.</exception>
    /// <param name="localeCache">Where locales the environment lacks are compiled (kept between builds); null compiles them into <paramref name="directory"/>.</param>
    public static AppliedIdentity Apply(BuildIdentity identity, ResolvedEnvironment environment, long sourceDateEpoch, string directory, string? localeCache = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.Problem() is { } problem)
        {
            throw new BuildException("identity: " + problem);
        }

        IdentityFiles.Write(directory, identity, environment.IsHost ? null : Path.Combine(environment.Root, "etc", "group"));
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in identity.ExtraVariables)
        {
            variables[key] = value;
        }

        variables["HOME"] = identity.Home;
        variables["HOSTNAME"] = identity.HostName;
        variables["LANG"] = identity.Locale;
        variables["LC_ALL"] = identity.Locale;
        variables["LOGNAME"] = identity.UserName;
        variables["PATH"] = SearchPath;
        variables["SOURCE_DATE_EPOCH"] = sourceDateEpoch.ToString(CultureInfo.InvariantCulture);
        variables["TMPDIR"] = "/tmp";
        variables["TZ"] = identity.TimeZone;
        variables["USER"] = identity.UserName;
        foreach (var (key, value) in FakeTime.Variables(identity.Clock, environment))
        {
            variables[key] = value;
        }

        var arguments = identity.KernelRelease is { } release ? UnameOverride.Arguments(environment, release, directory) : [];
        if (!LocaleFiles.IsBuiltIn(identity.Locale))
        {
            var (localeArguments, locpath) = LocaleFiles.Apply(environment, identity.Locale, localeCache ?? Path.Combine(directory, "locale"));
            arguments.AddRange(localeArguments);
            variables[locpath.Key] = locpath.Value;
        }

        if (!identity.AddressSpaceRandomization && AddressSpace.Problem() is { } aslr)
        {
            throw new BuildException("identity: address-space randomisation cannot be turned off: " + aslr);
        }

        if (identity.FileOrder != FileOrder.Native && DisorderFs.Problem() is { } order)
        {
            throw new BuildException("identity: the file-system order cannot be applied: " + order);
        }
        var cpus = identity.CpuCount is { } count ? CpuAffinity.ListFor(count) : null;
        return new AppliedIdentity(identity, directory, variables, arguments, cpus);
    }
}
