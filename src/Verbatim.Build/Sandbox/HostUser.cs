namespace Verbatim.Build.Sandbox;

/// <summary>The host user the sandbox runs as: Verbatim's own, or an unprivileged one when Verbatim runs as root.</summary>
public static class HostUser
{
    /// <summary>
    /// The unprivileged host uid/gid the sandbox runs as when Verbatim itself runs as root. The kernel never applies
    /// RLIMIT_NPROC to processes whose real user is root (even inside a user namespace), so the process limit only holds
    /// when the sandbox's host user is not root; the workspace is handed to this user before the first step.
    /// </summary>
    public const int UnprivilegedId = 65534;

    /// <summary>True when steps must drop to <see cref="UnprivilegedId"/> (Verbatim runs as root).</summary>
    public static bool DropsPrivileges => Environment.IsPrivilegedProcess;
}
