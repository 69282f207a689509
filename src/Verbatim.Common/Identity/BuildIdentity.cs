using System.Collections.ObjectModel;

namespace Verbatim.Common.Identity;

/// <summary>
/// Who and where a build's steps believe they run: clock, time zone, locale, user and group, host and domain name, home,
/// umask, build path, CPU count, kernel release, file-system order, address-space randomisation and extra variables. The sandbox takes one value of this; varying it is
/// how <c>verbatim check</c> looks for builds that depend on their surroundings. <see cref="Default"/> is what every
/// build runs under unless told otherwise.
/// </summary>
public sealed record BuildIdentity
{
    /// <summary>The identity of an ordinary build: builder (1000:1000) on host verbatim, UTC, C.UTF-8, umask 022, the real clock.</summary>
    public static BuildIdentity Default { get; } = new();

    private readonly IReadOnlyDictionary<string, string> extraVariables = ReadOnlyDictionary<string, string>.Empty;

    public BuildClock Clock { get; init; } = BuildClock.Real;

    /// <summary>The <c>TZ</c> the steps see.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The <c>LANG</c> and <c>LC_ALL</c> the steps see.</summary>
    public string Locale { get; init; } = "C.UTF-8";

    public string UserName { get; init; } = "builder";

    public int UserId { get; init; } = 1000;

    public string GroupName { get; init; } = "builder";

    public int GroupId { get; init; } = 1000;

    public string HostName { get; init; } = "verbatim";

    /// <summary>The DNS domain (<c>hostname -f</c>, <c>dnsdomainname</c>); null for none.</summary>
    public string? DomainName { get; init; }

    public string Home { get; init; } = "/tmp/home";

    /// <summary>The file mode creation mask, e.g. <c>0o022</c>.</summary>
    public int Umask { get; init; } = 0b000_010_010;

    /// <summary>Where the workspace is mounted; null for <c>/build/RECIPE-NAME</c>.</summary>
    public string? BuildPath { get; init; }

    /// <summary>How many CPUs the steps may use (<c>nproc</c>); null for all the machine gives.</summary>
    public int? CpuCount { get; init; }

    /// <summary>The kernel release <c>uname -r</c> prints; null for the real one.</summary>
    public string? KernelRelease { get; init; }

    /// <summary>The order directory listings of the workspace come in; <see cref="FileOrder.Native"/> leaves the file system's own.</summary>
    public FileOrder FileOrder { get; init; } = FileOrder.Native;

    /// <summary>Whether the steps' address space is randomised (the kernel's default); false runs them with <c>ADDR_NO_RANDOMIZE</c> (<c>setarch -R</c>).</summary>
    public bool AddressSpaceRandomization { get; init; } = true;

    /// <summary>Variables every step gets besides the identity's own (the recipe's <c>env</c> comes on top); a read-only copy of what was given.</summary>
    public IReadOnlyDictionary<string, string> ExtraVariables
    {
        get => extraVariables;
        init => extraVariables = new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(value.ToDictionary(), StringComparer.Ordinal));
    }

    /// <summary>The path the workspace is mounted at for a recipe named <paramref name="recipeName"/>.</summary>
    public string WorkspacePath(string recipeName) => BuildPath ?? "/build/" + recipeName;

    /// <summary>The first thing wrong with this identity (one phrase), or null when it can be applied.</summary>
    public string? Problem() => BuildIdentityRules.Check(this);

    public bool Equals(BuildIdentity? other) =>
        other is not null && Clock == other.Clock && TimeZone == other.TimeZone && Locale == other.Locale && UserName == other.UserName
        && UserId == other.UserId && GroupName == other.GroupName && GroupId == other.GroupId && HostName == other.HostName
        && DomainName == other.DomainName && Home == other.Home && Umask == other.Umask && BuildPath == other.BuildPath
        && CpuCount == other.CpuCount && KernelRelease == other.KernelRelease
        && FileOrder == other.FileOrder && AddressSpaceRandomization == other.AddressSpaceRandomization
        && ExtraVariables.Count == other.ExtraVariables.Count
        && ExtraVariables.All(p => other.ExtraVariables.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Clock, TimeZone, Locale, UserName, UserId, HostName, BuildPath, CpuCount), FileOrder, AddressSpaceRandomization);
}
