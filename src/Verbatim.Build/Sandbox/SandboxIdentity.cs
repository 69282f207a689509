using System.Globalization;

namespace Verbatim.Build.Sandbox;

/// <summary>The fixed identity every step sees: user, host name, home, locale, time zone, PATH.</summary>
public static class SandboxIdentity
{
    public const string User = "builder";
    public const int Uid = 1000;
    public const string HostName = "verbatim";
    public const string Home = "/tmp/home";
    public const string Path = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    /// <summary>
    /// The unprivileged host uid/gid the sandbox runs as when Verbatim itself runs as root. The kernel never applies
    /// RLIMIT_NPROC to processes whose real user is root (even inside a user namespace), so the process limit only holds
    /// when the sandbox's host user is not root; the workspace is handed to this user before the first step.
    /// </summary>
    public const int UnprivilegedHostId = 65534;

    /// <summary>True when steps must drop to <see cref="UnprivilegedHostId"/> (Verbatim runs as root).</summary>
    public static bool DropsPrivileges => Environment.IsPrivilegedProcess;

    /// <summary>The variables every step starts with; the recipe's own come on top (never replacing these, PATH excepted).</summary>
    public static SortedDictionary<string, string> FixedVariables(long sourceDateEpoch) => new(StringComparer.Ordinal)
    {
        ["HOME"] = Home,
        ["HOSTNAME"] = HostName,
        ["LANG"] = "C.UTF-8",
        ["LC_ALL"] = "C.UTF-8",
        ["LOGNAME"] = User,
        ["PATH"] = Path,
        ["SOURCE_DATE_EPOCH"] = sourceDateEpoch.ToString(CultureInfo.InvariantCulture),
        ["TMPDIR"] = "/tmp",
        ["TZ"] = "UTC",
        ["USER"] = User,
    };

    /// <summary>Writes the passwd, group and hosts files the sandbox mounts over /etc's.</summary>
    public static void WriteEtcFiles(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var uid = Uid.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(System.IO.Path.Combine(directory, "passwd"), $"root:x:0:0:root:/root:/bin/sh\n{User}:x:{uid}:{uid}:{User}:{Home}:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        File.WriteAllText(System.IO.Path.Combine(directory, "group"), $"root:x:0:\n{User}:x:{uid}:\nnogroup:x:65534:\n");
        File.WriteAllText(System.IO.Path.Combine(directory, "hosts"), $"127.0.0.1\tlocalhost\n127.0.1.1\t{HostName}\n::1\tlocalhost\n");
        File.WriteAllText(System.IO.Path.Combine(directory, "hostname"), HostName + "\n");
    }
}
