using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the raw bytes of sections of the same name. In a .NET assembly the section holding the CLI header is
/// skipped: its metadata, IL, resources and debug data are compared structurally instead.
/// </summary>
internal static class SectionComparer
{
    public static void Compare(PeFile a, PeFile b, DifferenceList diffs)
    {
        var skipA = ManagedSection(a);
        var skipB = ManagedSection(b);
        var right = Keyed(b);
        foreach (var (key, index) in Keyed(a))
        {
            diffs.Context.CancellationToken.ThrowIfCancellationRequested();
            if (!right.TryGetValue(key, out var other) || index == skipA || other == skipB)
            {
                continue;
            }

            var sa = a.Headers.SectionHeaders[index];
            var sb = b.Headers.SectionHeaders[other];
            var contentA = new SliceContent(a.Input.Content, sa.PointerToRawData, sa.SizeOfRawData);
            var contentB = new SliceContent(b.Input.Content, sb.PointerToRawData, sb.SizeOfRawData);
            if (ContentEquality.AreEqual(contentA, contentB, diffs.Context.CancellationToken))
            {
                continue;
            }

            var difference = BinaryComparer.Compare(new Input(a.Input.Path, contentA), new Input(b.Input.Path, contentB), diffs.Context);
            diffs.Add(difference with
            {
                Field = $"section {key}",
                Comments = ["offsets are relative to the section's start", .. difference.Comments],
            });
        }
    }

    private static int ManagedSection(PeFile file)
    {
        if (file.Headers.CorHeader is null)
        {
            return -1;
        }

        var rva = file.Headers.PEHeader!.CorHeaderTableDirectory.RelativeVirtualAddress;
        var sections = file.Headers.SectionHeaders;
        for (var i = 0; i < sections.Length; i++)
        {
            if (rva >= sections[i].VirtualAddress && rva < sections[i].VirtualAddress + Math.Max(sections[i].VirtualSize, sections[i].SizeOfRawData))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, int> Keyed(PeFile file)
    {
        var keyed = new Dictionary<string, int>(StringComparer.Ordinal);
        var sections = file.Headers.SectionHeaders;
        for (var i = 0; i < sections.Length; i++)
        {
            var name = PeFile.SectionName(sections[i]);
            var key = name;
            for (var n = 2; keyed.ContainsKey(key); n++)
            {
                key = $"{name} (#{n})";
            }

            keyed[key] = i;
        }

        return keyed;
    }
}
