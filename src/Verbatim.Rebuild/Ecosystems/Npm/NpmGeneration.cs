namespace Verbatim.Rebuild.Ecosystems.Npm;

/// <summary>
/// The generation of npm a tarball reveals, and how to lay out a tar as that generation did: npm 7 and later (OS byte
/// 255) and npm 6.10 to 6.x sort by extension, as the host's npm does; npm 5.8 to 6.9 put <c>package.json</c> first
/// (npm-packlist's older sort); all of those fix the member times at 1985-10-26T08:15:00Z. npm 5.0 to 5.7 (node-tar's
/// portable headers: no owner) sorted the older way and kept the files' real times, which the reference reveals
/// member by member. npm before 5 (fstream) wrote the files in the packer's directory order with the packer's uid
/// and gid: only the times are carried over, the order and owners are not guessed.
/// </summary>
/// <param name="Packer">The npm versions, e.g. <c>npm 5.8 to 6.9</c>.</param>
/// <param name="Order">The member order to give the rebuilt tar; null keeps the host npm's.</param>
/// <param name="RealMtimes">Members carry the files' times (before npm 5.8): the rebuilt members take the reference's.</param>
/// <param name="Evidence">What in the tarball says so.</param>
internal sealed record NpmGeneration(string Packer, Comparison<string>? Order, bool RealMtimes, string Evidence)
{
    public static NpmGeneration Of(NpmTarball tarball)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        var entries = tarball.Entries;
        var names = entries.Select(e => e.PackagePath).ToList();
        var legacy = NpmMemberOrder.IsOrdered(names, NpmMemberOrder.Legacy);
        var byExtension = NpmMemberOrder.IsOrdered(names, NpmMemberOrder.ByExtension);
        var order = legacy && byExtension ? "in both npm-packlist orders (package.json first, and by extension)"
            : legacy ? "package.json first, then the root's files, then deeper paths, by locale (npm-packlist before 1.4.2)"
            : byExtension ? "by extension, then name (npm-packlist 1.4.2 and later)"
            : "in neither npm-packlist order";
        var os = NpmTarball.OsName(tarball.Os);
        if (entries.Count > 0 && entries.All(e => e.Mtime == NpmTarball.FixedMtime))
        {
            var times = "member times fixed at 1985-10-26T08:15:00Z";
            return tarball.Os == 255 ? new("npm 7 or later", null, false, $"{times}; gzip OS byte {os}; members {order}")
                : legacy && !byExtension ? new("npm 5.8 to 6.9", NpmMemberOrder.Legacy, false, $"{times}; members {order}; gzip OS byte {os}")
                : byExtension && !legacy ? new("npm 6.10 to 6.x", null, false, $"{times}; members {order}; gzip OS byte {os}")
                : legacy ? new("npm 5.8 to 6.x", NpmMemberOrder.Legacy, false, $"{times}; members {order}; gzip OS byte {os}")
                : new("npm 5.8 or later", null, false, $"{times}; members {order} (kept as the host npm writes them); gzip OS byte {os}");
        }

        if (entries.Count > 0 && entries.All(e => e.OwnerEmpty))
        {
            return new("npm 5.0 to 5.7", legacy ? NpmMemberOrder.Legacy : null, true, $"real member times; no owner (node-tar's portable headers); members {order}; gzip OS byte {os}");
        }

        return new("npm before 5", null, true, $"real member times; the packer's uid and gid; members in the packer's directory order (not emulated: only the times are carried over); gzip OS byte {os}");
    }

    /// <summary>
    /// <paramref name="tar"/> (the host npm's) laid out as this generation wrote it: members in its order, and before
    /// npm 5.8 each member's time taken from the reference's member of the same name. Returns the tar unchanged when
    /// nothing differs.
    /// </summary>
    /// <exception cref="InvalidDataException">A tar the member reader does not follow.</exception>
    public byte[] Emulate(byte[] tar, NpmTarball reference, out string? change)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(reference);
        var (members, end) = NpmTarMembers.Scan(tar);
        var ordered = Order is { } comparison
            ? members.Order(Comparer<NpmTarMember>.Create((a, b) => comparison(a.PackagePath, b.PackagePath))).ToList()
            : members;
        var mtimes = RealMtimes
            ? reference.Entries.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Mtime, StringComparer.Ordinal)
            : null;
        var reordered = !ordered.SequenceEqual(members);
        var retimed = mtimes is not null && members.Any(m => mtimes.TryGetValue(m.Name, out var t) && t != m.Mtime);
        if (!reordered && !retimed)
        {
            change = null;
            return tar;
        }

        change = string.Join(" and ", new[] { reordered ? "members reordered" : null, retimed ? "member times set to the reference's" : null }.Where(s => s is not null)) + $", as {Packer} wrote them";
        return NpmTarMembers.Rewrite(tar, ordered, end, mtimes);
    }
}
