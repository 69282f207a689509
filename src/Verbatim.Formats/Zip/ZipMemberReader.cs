using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// Yields a zip's entries as members, lazily and in central-directory order, reading each local header and its data
/// only when the entry is reached. Member names are for display and matching only, never file-system paths.
/// </summary>
internal static class ZipMemberReader
{
    private const int MaxLinkTarget = 4096;

    public static IEnumerable<Member> Read(ZipDirectory directory, IContent content, ComparisonContext context)
    {
        using var archive = new BufferedStream(content.Open(), 1 << 15);
        foreach (var entry in directory.Entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return ReadOne(entry, directory, archive, content, context);
        }
    }

    private static Member ReadOne(ZipCentralEntry entry, ZipDirectory directory, Stream archive, IContent content, ComparisonContext context)
    {
        string? problem;
        ZipLocalHeader? local;
        try
        {
            local = ZipLocalHeader.Read(archive, entry.LocalHeaderOffset + directory.Bias, entry.CompressedSize, directory.CentralDirectoryStart, out problem);
        }
        catch (MalformedInputException e)
        {
            (local, problem) = (null, $"local header: {e.Message}");
        }

        var fields = ZipMemberFields.Build(entry, local);
        var mode = ZipDescriptions.HasUnixMode(entry.Host) ? entry.ExternalAttributes >> 16 : 0;
        var type = entry.IsDirectory || (mode & 0xF000) == 0x4000 ? MemberType.Directory
            : (mode & 0xF000) == 0xA000 ? MemberType.Symlink
            : MemberType.File;
        if (problem is null && directory.Overlaps.TryGetValue(entry.Index, out var other))
        {
            problem = $"not expanded: its data overlaps entry '{other}' (the trick of zip bombs and zip quines)";
        }

        if (type == MemberType.Directory && problem is null)
        {
            return new Member { Name = entry.Name, Type = type, Fields = fields };
        }

        IContent? data = null;
        if (problem is null)
        {
            (data, problem) = ZipEntryData.Read(entry, local!.DataStart, archive, content, context);
        }

        if (problem is not null)
        {
            return new Member { Name = entry.Name, Type = type, Fields = [.. fields, .. ZipMemberFields.Declared(entry)], Unreadable = problem, RawData = local is null || local.DataStart + entry.CompressedSize > content.Length ? null : new SliceContent(content, local.DataStart, entry.CompressedSize), RawDataKind = $"zip method {entry.Method}, {entry.UncompressedSize} bytes, CRC-32 {entry.Crc32:x8}" };
        }

        if (type == MemberType.Symlink)
        {
            return new Member { Name = entry.Name, Type = type, Fields = fields, LinkTarget = LinkTarget(data!) };
        }

        return new Member { Name = entry.Name, Type = type, Fields = fields, Content = data };
    }

    private static string LinkTarget(IContent data)
    {
        try
        {
            if (data.Length > MaxLinkTarget)
            {
                return $"(a link target of {data.Length} bytes)";
            }

            var bytes = new byte[data.Length];
            using (var stream = data.Open())
            {
                stream.ReadExactly(bytes);
            }

            return MemberNames.Display(bytes);
        }
        finally
        {
            (data as IDisposable)?.Dispose();
        }
    }
}
