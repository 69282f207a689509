using System.Text.RegularExpressions;

namespace Verbatim.Common.Identity;

/// <summary>What makes a <see cref="BuildIdentity"/> applicable: names a passwd file takes, absolute paths, ids in range, variables the identity does not already own.</summary>
internal static partial class BuildIdentityRules
{
    /// <summary>Variables the identity's own fields set; extra variables may not name them.</summary>
    public static readonly IReadOnlySet<string> Owned = new HashSet<string>(StringComparer.Ordinal)
    {
        "HOME", "HOSTNAME", "LANG", "LC_ALL", "LOGNAME", "PATH", "SOURCE_DATE_EPOCH", "TMPDIR", "TZ", "USER",
        "LD_PRELOAD", "FAKETIME", "FAKETIME_FMT", "NO_FAKE_STAT", "LOCPATH",
    };

    /// <summary>Top-level paths the sandbox mounts itself (the toolchain, /proc, /dev…); home and the build path cannot be there.</summary>
    private static readonly string[] Reserved = ["/bin", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run/verbatim", "/sbin", "/sys", "/usr"];

    public static string? Check(BuildIdentity identity)
    {
        if (!AccountName().IsMatch(identity.UserName))
        {
            return $"user name '{identity.UserName}' is not a valid account name";
        }

        if (!AccountName().IsMatch(identity.GroupName))
        {
            return $"group name '{identity.GroupName}' is not a valid account name";
        }

        if (identity.UserId is < 0 or > 65535 || identity.GroupId is < 0 or > 65535)
        {
            return "user and group ids must be between 0 and 65535";
        }

        if ((identity.UserId == 0) != (identity.UserName == "root") || (identity.GroupId == 0) != (identity.GroupName == "root"))
        {
            return "id 0 is root's and root's alone";
        }

        if (!HostLabel().IsMatch(identity.HostName))
        {
            return $"host name '{identity.HostName}' is not a DNS label";
        }

        if (identity.DomainName is { } domain && !domain.Split('.').All(HostLabel().IsMatch))
        {
            return $"domain name '{domain}' is not a DNS name";
        }

        if (identity.Umask is < 0 or > 0b111_111_111)
        {
            return "the umask must be between 000 and 777 (octal)";
        }

        if (!IsPlainAbsolute(identity.Home) || (identity.BuildPath is { } build && (!IsPlainAbsolute(build) || build.Length < 2)))
        {
            return "home and the build path must be absolute paths without '..'";
        }

        foreach (var path in new[] { identity.Home, identity.BuildPath }.OfType<string>())
        {
            if (Reserved.FirstOrDefault(r => path == r || path.StartsWith(r + "/", StringComparison.Ordinal)) is { } reserved)
            {
                return $"{path} is inside {reserved}, which the sandbox provides itself";
            }
        }

        if (identity.CpuCount is < 1)
        {
            return "the CPU count must be at least 1";
        }

        if (identity.KernelRelease is { } release && !KernelRelease().IsMatch(release))
        {
            return $"kernel release '{release}' may hold only letters, digits, '.', '_', '+', '~' and '-'";
        }

        if (!PlainValue().IsMatch(identity.TimeZone) || !PlainValue().IsMatch(identity.Locale))
        {
            return "the time zone and locale must be non-empty, printable and without spaces";
        }

        foreach (var (name, value) in identity.ExtraVariables)
        {
            if (!VariableName().IsMatch(name))
            {
                return $"'{name}' is not a valid variable name";
            }

            if (Owned.Contains(name))
            {
                return $"extra variable {name} is set by the identity itself";
            }

            if (value.Contains('\0', StringComparison.Ordinal))
            {
                return $"extra variable {name} holds a NUL character";
            }
        }

        return null;
    }

    private static bool IsPlainAbsolute(string path) =>
        path.StartsWith('/') && !path.Split('/').Contains("..") && !path.Any(char.IsControl) && !path.Contains(':', StringComparison.Ordinal);

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex AccountName();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostLabel();

    [GeneratedRegex("^[A-Za-z0-9._+~-]{1,64}$")]
    private static partial Regex KernelRelease();

    [GeneratedRegex("^[!-~]{1,128}$")]
    private static partial Regex PlainValue();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
