using System.Globalization;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Sandbox;

/// <summary>The files the sandbox mounts over /etc's for an identity: passwd, group, hosts and hostname.</summary>
public static class IdentityFiles
{
    public static readonly string[] Names = ["passwd", "group", "hosts", "hostname"];

    /// <param name="rootfsGroup">A root file system's own <c>/etc/group</c>, or null (the host): its system groups (base-passwd's
    /// staff, adm, …, which a Debian package's build may chown to) are kept after the identity's, unless a name or gid collides.</param>
    public static void Write(string directory, BuildIdentity identity, string? rootfsGroup = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "passwd"), Passwd(identity));
        var group = Group(identity);
        if (rootfsGroup is not null && File.Exists(rootfsGroup))
        {
            var taken = group.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')).SelectMany(f => new[] { "n" + f[0], "g" + f[2] }).ToHashSet(StringComparer.Ordinal);
            group += string.Concat(File.ReadAllLines(rootfsGroup).Select(l => l.Split(':'))
                .Where(f => f.Length == 4 && !taken.Contains("n" + f[0]) && !taken.Contains("g" + f[2]))
                .Select(f => $"{f[0]}:x:{f[2]}:\n"));
        }

        File.WriteAllText(Path.Combine(directory, "group"), group);
        var names = identity.DomainName is { } domain ? $"{identity.HostName}.{domain}\t{identity.HostName}" : identity.HostName;
        File.WriteAllText(Path.Combine(directory, "hosts"), $"127.0.0.1\tlocalhost\n127.0.1.1\t{names}\n::1\tlocalhost\n");
        File.WriteAllText(Path.Combine(directory, "hostname"), identity.HostName + "\n");
    }

    private static string Passwd(BuildIdentity identity)
    {
        var uid = identity.UserId.ToString(CultureInfo.InvariantCulture);
        var gid = identity.GroupId.ToString(CultureInfo.InvariantCulture);
        var user = identity.UserName;
        var lines = new List<string>();
        lines.Add(user == "root" ? $"root:x:0:{gid}:root:{identity.Home}:/bin/sh" : "root:x:0:0:root:/root:/bin/sh");
        if (user != "root")
        {
            lines.Add($"{user}:x:{uid}:{gid}:{user}:{identity.Home}:/bin/sh");
        }

        if (user != "nobody" && identity.UserId != 65534)
        {
            lines.Add("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Group(BuildIdentity identity)
    {
        var gid = identity.GroupId.ToString(CultureInfo.InvariantCulture);
        var group = identity.GroupName;
        var lines = new List<string> { "root:x:0:" };
        if (group != "root")
        {
            lines.Add($"{group}:x:{gid}:");
        }

        if (group != "nogroup" && identity.GroupId != 65534)
        {
            lines.Add("nogroup:x:65534:");
        }

        return string.Join('\n', lines) + "\n";
    }
}
