using System.Globalization;
using Verbatim.Common.Identity;

namespace Verbatim.Build.Sandbox;

/// <summary>The files the sandbox mounts over /etc's for an identity: passwd, group, hosts and hostname.</summary>
public static class IdentityFiles
{
    public static readonly string[] Names = ["passwd", "group", "hosts", "hostname"];

    public static void Write(string directory, BuildIdentity identity)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "passwd"), Passwd(identity));
        File.WriteAllText(Path.Combine(directory, "group"), Group(identity));
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
