using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// The zip family (zip, jar, nupkg, whl, apk, ODF, EPUB, OOXML), one instance per <see cref="ZipFlavor"/>: every
/// entry is checked (size and CRC-32), members another handler recognises are normalized through the registry, the
/// flavor's random part and digest record are rewritten, and the archive is written anew in canonical order (see
/// <see cref="ZipEntryFields"/> for the fields).
/// Entry data that did not change is copied as compressed, so content bytes never change needlessly. The archive
/// comment and entry comments are kept.
/// </summary>
internal sealed class ZipNormalizer(ZipFlavor flavor) : INormalizer
{
    public string Name => flavor.Name;

    /// <summary>The whole input: when the shared probe classifies it as this flavor. Only its start: any zip is worth spooling.</summary>
    public bool Recognizes(NormalizeInput input) =>
        input.Zip is { } probe ? probe.Flavor == flavor : flavor == ZipFlavors.Zip && ZipProbe.HasMagic(input.Head, input.Head.Length);

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
            if (flavor.RandomPart is { } part)
            {
                RandomPartRewrite.Rewrite(part, pending, context, changes);
            }

            if (flavor.DigestRecordSuffix is not null)
            {
                DigestRecordRewrite.Rewrite(flavor, pending, context, changes);
            }

            var ordered = pending;
            if (context.Applies(Normalizations.ZipEntryOrder))
            {
                ordered = [.. pending.OrderBy(p => flavor.Rank(p.DisplayName)).ThenBy(p => p.Name, ByteOrder.Instance)];
                if (!ordered.SequenceEqual(pending))
                {
                    changes.Insert(0, new Change(Normalizations.ZipEntryOrder, "", "entry order", "as archived", "canonical (by name)"));
                }
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
            if (!names.Add(Convert.ToHexString(entry.Central.RawName)))
            {
                throw new UnsupportedInputException($"the name {entry.Name} appears twice");
            }

            if (entry.Central.IsEncrypted)
            {
                throw new UnsupportedInputException($"{entry.Name}: encrypted");
            }

            if (entry.Central.Method is not (0 or 8))
            {
                throw new UnsupportedInputException($"{entry.Name}: compression method {entry.Central.Method} is not handled (only stored and deflate)");
            }

            var item = new ZipPending(entry) { ReadAllOriginal = () => ZipEntryCheck.ReadAll(input, entry, 16 << 20) };
            if (ZipEntryCheck.Check(archive, entry, context) is { } spool)
            {
                owners.Add(spool);
                var (content, memberChanges, owner) = context.NormalizeMemberToContent(spool, entry.Name);
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
