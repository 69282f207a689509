using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// The zip family (zip, jar, nupkg, whl, apk, ODF, EPUB), one instance per flavor: every entry is checked (size and
/// CRC-32), members another handler recognises are normalized through the registry, the flavor rewrites what it
/// must, and the archive is written anew in canonical order (see <see cref="ZipEntryFields"/> for the fields).
/// Entry data that did not change is copied as compressed, so content bytes never change needlessly. The archive
/// comment and entry comments are kept.
/// </summary>
internal sealed class ZipNormalizer(ZipFlavor flavor) : INormalizer
{
    public string Name => flavor.Name;

    public bool Recognizes(ReadOnlySpan<byte> head, string name)
    {
        if (!(head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)))
        {
            return false;
        }

        var lower = name.ToLowerInvariant();
        return flavor is PlainZipFlavor || flavor.Extensions.Any(e => lower.EndsWith(e, StringComparison.Ordinal)) || flavor.MatchesHead(head);
    }

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        var source = ZipSourceReader.Read(input, context.CancellationToken);
        if (source.HasApkSigningBlock)
        {
            throw new UnsupportedInputException("the archive has an APK signing block, which any rewrite would invalidate");
        }

        if (source.HasPrefix)
        {
            throw new UnsupportedInputException("data before the first entry (a self-extractor stub?)");
        }

        var changes = new List<Change>();
        var owners = new List<IDisposable>();
        try
        {
            var pending = Prepare(input, source, context, changes, owners);
            flavor.Rewrite(pending, changes);
            var ordered = pending
                .OrderBy(p => flavor.Rank(p.DisplayName))
                .ThenBy(p => p.Name, ByteOrder.Instance)
                .ToList();
            if (!ordered.SequenceEqual(pending))
            {
                changes.Insert(0, new Change("", "entry order", "as archived", "canonical (by name)"));
            }

            var writer = new ZipWriter(output);
            foreach (var entry in ordered)
            {
                writer.Write(ZipEntryFields.Build(entry, input, flavor, context, changes, owners), context.CancellationToken);
            }

            writer.Finish(source.Comment);
            return changes;
        }
        finally
        {
            foreach (var owner in owners)
            {
                owner.Dispose();
            }
        }
    }

    private static List<ZipPending> Prepare(IContent input, ZipSource source, NormalizeContext context, List<Change> changes, List<IDisposable> owners)
    {
        var pending = new List<ZipPending>(source.Entries.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var archive = input.Open();
        foreach (var entry in source.Entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!names.Add(Convert.ToHexString(entry.Name)))
            {
                throw new UnsupportedInputException($"the name {entry.DisplayName} appears twice");
            }

            if (entry.IsEncrypted)
            {
                throw new UnsupportedInputException($"{entry.DisplayName}: encrypted");
            }

            if (entry.Method is not (0 or 8))
            {
                throw new UnsupportedInputException($"{entry.DisplayName}: compression method {entry.Method} is not handled (only stored and deflate)");
            }

            var item = new ZipPending(entry) { ReadAllOriginal = () => ZipEntryCheck.ReadAll(input, entry, 16 << 20) };
            if (ZipEntryCheck.Check(archive, entry, context) is { } spool)
            {
                owners.Add(spool);
                var (content, memberChanges, owner) = context.NormalizeMemberToContent(spool, entry.DisplayName);
                if (owner is not null)
                {
                    owners.Add(owner);
                }

                if (memberChanges.Count > 0)
                {
                    item.Replacement = content;
                    changes.AddRange(memberChanges);
                }
            }

            pending.Add(item);
        }

        return pending;
    }
}
