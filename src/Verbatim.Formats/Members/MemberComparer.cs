using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Members;

/// <summary>
/// Compares the members of two containers. Both sides are read in lockstep, so a member is held (spooled) only until
/// its counterpart is seen: for two archives in the same order, memory holds one member pair at a time. Pairs whose
/// content differs are compared in parallel; their results come back in a stable order. Members only on one side
/// are reported as added or removed, and a change in the order of common members as one order difference.
/// </summary>
public static class MemberComparer
{
    /// <param name="path1">The first container's path; member paths are built as <c>path1 + separator + name</c>.</param>
    /// <param name="separator"><c>::</c> inside a file, <c>/</c> in a directory tree.</param>
    public static async Task<IReadOnlyList<Difference>> CompareAsync(
        string path1, string path2, IEnumerable<Member> left, IEnumerable<Member> right, ComparisonContext context, string separator = "::")
    {
        var results = new List<(long Key, Difference Difference)>();
        var pendingLeft = new Dictionary<string, (Member Member, long Index)>(StringComparer.Ordinal);
        var pendingRight = new Dictionary<string, (Member Member, long Index)>(StringComparer.Ordinal);
        var orderLeft = new List<string>();
        var orderRight = new List<string>();
        var occurrences = (Left: new Dictionary<string, int>(StringComparer.Ordinal), Right: new Dictionary<string, int>(StringComparer.Ordinal));
        var running = new List<Task>();
        var omitted = 0;
        using var slots = new SemaphoreSlim(Math.Max(1, context.Options.Parallelism));

        var readLeft = new TolerantMembers(left);
        var readRight = new TolerantMembers(right);
        using var el = readLeft.GetEnumerator();
        using var er = readRight.GetEnumerator();
        bool moreLeft = true, moreRight = true;
        long indexLeft = 0, indexRight = 0;
        try
        {
            while (moreLeft || moreRight)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (moreLeft && (moreLeft = el.MoveNext()))
                {
                    var m = el.Current;
                    var key = Key(m.Name, occurrences.Left);
                    orderLeft.Add(key);
                    if (pendingRight.Remove(key, out var other))
                    {
                        await PairAsync(key, m, other.Member, indexLeft).ConfigureAwait(false);
                    }
                    else
                    {
                        pendingLeft[key] = (m, indexLeft);
                    }

                    indexLeft++;
                }

                if (moreRight && (moreRight = er.MoveNext()))
                {
                    var m = er.Current;
                    var key = Key(m.Name, occurrences.Right);
                    orderRight.Add(key);
                    if (pendingLeft.Remove(key, out var other))
                    {
                        await PairAsync(key, other.Member, m, other.Index).ConfigureAwait(false);
                    }
                    else
                    {
                        pendingRight[key] = (m, indexRight);
                    }

                    indexRight++;
                }
            }

            // Members renamed by a version or framework change in their path: paired, compared, and said to be renamed.
            var renames = MemberRenames.Match(
                pendingLeft.Select(p => (p.Key, p.Value.Member.Type, p.Value.Index)),
                pendingRight.Select(p => (p.Key, p.Value.Member.Type, p.Value.Index)));
            foreach (var (keyLeft, keyRight) in renames)
            {
                pendingLeft.Remove(keyLeft, out var l);
                pendingRight.Remove(keyRight, out var r);
                await PairAsync(keyLeft, l.Member, r.Member, l.Index, renamed: true).ConfigureAwait(false);
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (m, _) in pendingLeft.Values.Concat(pendingRight.Values))
            {
                m.Dispose();
            }
        }

        // A side that could not be read to its end (a truncated archive): the members read before are compared;
        // the other side's members past that point have no counterpart to be compared with, and are counted.
        var unpaired = (Left: 0, Right: 0);
        foreach (var (key, (m, index)) in pendingLeft)
        {
            if (readRight.Error is not null)
            {
                unpaired.Left++;
            }
            else if (!context.IsExcluded(key))
            {
                Add(index, OnlyOneSide(DifferenceKind.Removed, path1 + separator + m.Name, m));
            }
        }

        foreach (var (key, (m, index)) in pendingRight)
        {
            if (readLeft.Error is not null)
            {
                unpaired.Right++;
            }
            else if (!context.IsExcluded(key))
            {
                Add(indexLeft + index, OnlyOneSide(DifferenceKind.Added, path2 + separator + m.Name, m));
            }
        }

        var ordered = results.OrderBy(r => r.Key).Select(r => r.Difference).ToList();
        if (omitted > 0)
        {
            // Still a difference (a leaf), so that a report cut short never reads as identical.
            ordered.Add(Node(path1 + separator + "…", path2 + separator + "…", null, [$"{omitted} more differing member{(omitted == 1 ? " is" : "s are")} not listed: the report reached its size limit (--max-report-size)"], []));
        }

        if (readLeft.Error is not null || readRight.Error is not null)
        {
            var comments = new List<string>();
            foreach (var (read, path, others, side) in new[] { (readLeft, path1, unpaired.Right, "second"), (readRight, path2, unpaired.Left, "first") })
            {
                if (read.Error is not null)
                {
                    comments.Add($"{path}: unreadable after {read.Count} member{(read.Count == 1 ? "" : "s")} ({read.Error}); the members read before it are compared" +
                                 (others > 0 ? $"; {others} more member{(others == 1 ? " of the " + side + " is" : "s of the " + side + " are")} not compared" : ""));
                }
            }

            ordered.Add(Node(path1 + separator + "(unreadable rest)", path2 + separator + "(unreadable rest)", null, comments, []));
        }

        var order = OrderDifference(path1, path2, orderLeft, orderRight, context);
        if (order is not null)
        {
            ordered.Insert(0, order);
        }

        return ordered;

        void Add(long index, Difference node)
        {
            if (!context.Report.TryChargeTree(node))
            {
                Interlocked.Increment(ref omitted);
                return;
            }

            lock (results)
            {
                results.Add((index, node));
            }
        }

        async Task PairAsync(string key, Member l, Member r, long index, bool renamed = false)
        {
            if (context.IsExcluded(key))
            {
                l.Dispose();
                r.Dispose();
                return;
            }

            var p1 = path1 + separator + l.Name;
            var p2 = path2 + separator + r.Name;
            var fields = FieldCauses.Compare(p1, p2, l.Fields, r.Fields);
            if (l.Type != r.Type)
            {
                fields.Insert(0, Difference.ForField(p1, p2, "type", Describe(l.Type), Describe(r.Type)));
            }

            if (!string.Equals(l.LinkTarget, r.LinkTarget, StringComparison.Ordinal))
            {
                fields.Add(Difference.ForField(p1, p2, "link target", l.LinkTarget, r.LinkTarget, [.. ContentCauses.Classify(l.LinkTarget ?? "", r.LinkTarget ?? "")]));
            }

            var comments = new List<string>();
            if (renamed)
            {
                comments.Add($"renamed: {l.Name} → {r.Name} (a version or framework in its path changed)");
            }

            if (l.Unreadable is not null && r.Unreadable is not null && SameRawData(l, r))
            {
                // Refused on both sides (a bomb, an unsupported method) but stored as the same bytes: the same content.
            }
            else
            {
                foreach (var (m, side) in new[] { (l, p1), (r, p2) })
                {
                    if (m.Unreadable is not null)
                    {
                        comments.Add($"{side}: unreadable ({m.Unreadable})");
                    }
                }
            }

            bool needsContent;
            try
            {
                needsContent = l.Content is not null && r.Content is not null &&
                               !ContentEquality.AreEqual(l.Content, r.Content, context.CancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                needsContent = false;
                comments.Add($"cannot be compared: reading failed ({Reasons.ForIo(e)})");
            }

            if (needsContent)
            {
                fields = FieldCauses.WhenContentChanged(fields);
            }

            if (needsContent && context.Report.Exhausted)
            {
                // Known to differ, and the report has no room left to say how: count it, and spare the work.
                l.Dispose();
                r.Dispose();
                Interlocked.Increment(ref omitted);
                return;
            }

            if (!needsContent)
            {
                if (l.Content is null != (r.Content is null) && l.Type == r.Type)
                {
                    comments.Add("content readable on one side only");
                }

                l.Dispose();
                r.Dispose();
                if (fields.Count > 0 || comments.Count > 0)
                {
                    Add(index, Node(p1, p2, null, comments, fields));
                }

                return;
            }

            await slots.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            running.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var content = await context.CompareAsync(new Input(p1, l.Content!), new Input(p2, r.Content!)).ConfigureAwait(false);
                        var children = fields.Concat(content?.Children ?? []).ToList();
                        var node = Node(p1, p2, content?.Format, comments.Concat(content?.Comments ?? []).ToList(), children) with { Causes = content?.Causes ?? [] };
                        Add(index, node);
                    }
                    finally
                    {
                        l.Dispose();
                        r.Dispose();
                        slots.Release();
                    }
                },
                context.CancellationToken));
        }
    }

    /// <summary>Whether two refused members are stored as the same bytes (the same kind, e.g. method, sizes and CRC, and the same stored data).</summary>
    private static bool SameRawData(Member l, Member r)
    {
        try
        {
            return l.RawData is { } a && r.RawData is { } b && l.RawDataKind is not null && string.Equals(l.RawDataKind, r.RawDataKind, StringComparison.Ordinal) &&
                   ContentEquality.AreEqual(a, b);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Key(string name, Dictionary<string, int> seen)
    {
        var n = seen[name] = seen.GetValueOrDefault(name) + 1;
        return n == 1 ? name : $"{name} (#{n})";
    }

    private static Difference Node(string p1, string p2, string? format, IReadOnlyList<string> comments, IReadOnlyList<Difference> children) => new()
    {
        Path1 = p1,
        Path2 = p2,
        Kind = DifferenceKind.Node,
        Format = format,
        Comments = comments,
        Children = children,
    };

    private static Difference OnlyOneSide(DifferenceKind kind, string path, Member m)
    {
        var what = m.Type == MemberType.File && m.Content is not null ? $"file, {m.Content.Length} bytes" : Describe(m.Type) + (m.LinkTarget is null ? "" : $" -> {m.LinkTarget}");
        return new Difference
        {
            Path1 = kind == DifferenceKind.Removed ? path : "",
            Path2 = kind == DifferenceKind.Added ? path : "",
            Kind = kind,
            Left = kind == DifferenceKind.Removed ? what : null,
            Right = kind == DifferenceKind.Added ? what : null,
        };
    }

    private static Difference? OrderDifference(string path1, string path2, List<string> left, List<string> right, ComparisonContext context)
    {
        var inRight = new HashSet<string>(right, StringComparer.Ordinal);
        var inLeft = new HashSet<string>(left, StringComparer.Ordinal);
        var commonLeft = left.Where(n => inRight.Contains(n) && !context.IsExcluded(n)).ToList();
        var commonRight = right.Where(n => inLeft.Contains(n) && !context.IsExcluded(n)).ToList();
        if (commonLeft.SequenceEqual(commonRight, StringComparer.Ordinal))
        {
            return null;
        }

        var cause = ContentCauses.OrderCause(commonLeft, commonRight, "the same members are stored in a different order");
        const int shown = 20;
        return new Difference
        {
            Path1 = path1,
            Path2 = path2,
            Kind = DifferenceKind.Order,
            Field = "member order",
            Left = string.Join("\n", commonLeft.Take(shown)) + (commonLeft.Count > shown ? $"\n… {commonLeft.Count - shown} more" : ""),
            Right = string.Join("\n", commonRight.Take(shown)) + (commonRight.Count > shown ? $"\n… {commonRight.Count - shown} more" : ""),
            Causes = [cause],
        };
    }

    private static string Describe(MemberType type) => type switch
    {
        MemberType.CharacterDevice => "character device",
        MemberType.BlockDevice => "block device",
        _ => type.ToString().ToLowerInvariant(),
    };
}
