using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Elf.Disassembly;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Elf;

/// <summary>
/// Compares one pair of sections whose bytes differ: decoded when the section is one we read (notes, debug link,
/// symbol tables, dynamic entries, strings, compressed sections), else — or when decoding shows nothing — as bytes.
/// </summary>
internal static class SectionComparer
{
    public static Difference Compare(ElfFile a, ElfFile b, ElfSection l, ElfSection r, Input left, Input right, ComparisonContext context, SectionFindings findings)
    {
        var path1 = $"{left.Path}::{l.Name}";
        var path2 = $"{right.Path}::{r.Name}";
        var comments = new List<string>();
        string? format = null;
        var derivedFromBuildId = false;
        List<Difference> children;
        try
        {
            (format, children, derivedFromBuildId) = Decode(a, b, l, r, path1, path2, context, findings, comments);
        }
        catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException or NotSupportedException)
        {
            comments.Add($"not decoded ({e.Message}); compared as bytes");
            children = [];
        }

        if (children.Count == 0)
        {
            format = null;
            derivedFromBuildId = false;
            children = [Bytes(a, b, l, r, path1, path2, context, comments.Count == 0)];
        }

        if (!derivedFromBuildId)
        {
            findings.OtherDifferences = true;
        }

        return new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = format, Comments = comments, Children = children };
    }

    private static (string? Format, List<Difference> Children, bool DerivedFromBuildId) Decode(
        ElfFile a, ElfFile b, ElfSection l, ElfSection r, string path1, string path2, ComparisonContext context, SectionFindings findings, List<string> comments)
    {
        var name = SectionData.LogicalName(l);
        var compressed = SectionData.Compression(l) is not null || SectionData.Compression(r) is not null;
        if (compressed)
        {
            var dl = SectionData.Load(a, l);
            var dr = SectionData.Load(b, r);
            if (dl.AsSpan().SequenceEqual(dr))
            {
                var how = (SectionData.Compression(l) ?? "stored", SectionData.Compression(r) ?? "stored");
                return ("elf-section", [Difference.ForField(path1, path2, "compressed bytes", $"{l.Size} bytes ({how.Item1})", $"{r.Size} bytes ({how.Item2})",
                    new Cause(CauseKind.Compression, "the section's decompressed contents are identical: it was compressed with other settings or another zlib", how.Item1, how.Item2))], false);
            }
        }

        if (l.Type == ElfSection.Note && r.Type == ElfSection.Note)
        {
            var differences = NoteComparer.Compare(path1, path2, ElfNotes.Parse(SectionData.Load(a, l), a.Header, l), ElfNotes.Parse(SectionData.Load(b, r), b.Header, r), findings);
            var onlyBuildId = differences.Count > 0 && differences.All(d => d.Field == "build-id");
            return ("elf-notes", differences, onlyBuildId);
        }

        if (name == ".gnu_debuglink")
        {
            var differences = DebugLink.Compare(path1, path2, DebugLink.Decode(SectionData.Load(a, l), a.Header.BigEndian), DebugLink.Decode(SectionData.Load(b, r), b.Header.BigEndian));
            return ("elf-debuglink", differences, true);
        }

        if (name == ".gnu_debugaltlink")
        {
            return ("elf-debuglink", DebugLink.CompareAlt(path1, path2, SectionData.Load(a, l), SectionData.Load(b, r)), true);
        }

        if (CodeComparer.Applies(a, b, l, r))
        {
            var code = CodeComparer.Compare(a, b, l, r, path1, path2, context);
            comments.AddRange(code.Comments);
            return (CodeComparer.Format, [.. code.Children], false);
        }

        if (l.Type is ElfSection.SymTab or ElfSection.DynSym && r.Type == l.Type)
        {
            // Sorted by name, and not cut: a text diff scales, and the report's size limit bounds it.
            var ls = SymbolListing.Render(SectionData.Load(a, l), LinkedStrings(a, l), a, l, context.CancellationToken);
            var rs = SymbolListing.Render(SectionData.Load(b, r), LinkedStrings(b, r), b, r, context.CancellationToken);
            return ("elf-symbols", Listed(TextComparer.Compare(path1, path2, "symbols", ls, rs, context, "elf-symbols")), false);
        }

        if (l.Type == ElfSection.Dynamic && r.Type == l.Type)
        {
            var (lt, lp) = DynamicListing.Render(SectionData.Load(a, l), LinkedStrings(a, l), a.Header, l.Name);
            var (rt, rp) = DynamicListing.Render(SectionData.Load(b, r), LinkedStrings(b, r), b.Header, r.Name);
            var text = ListingDiff.Compare(path1, path2, "dynamic entries", lt, rt, context, "elf-dynamic");
            if (text is not null && lp != rp)
            {
                text = text with { Causes = [new Cause(CauseKind.BuildPath, "the library search path (RPATH/RUNPATH) differs: a build directory was recorded", lp.TrimEnd('\n'), rp.TrimEnd('\n')), .. text.Causes.Where(c => c.Kind != CauseKind.BuildPath)] };
            }

            return ("elf-dynamic", Listed(text), false);
        }

        if (HasStrings(l, name))
        {
            var ls = StringsListing.Render(SectionData.Load(a, l), l);
            var rs = StringsListing.Render(SectionData.Load(b, r), r);
            var text = ListingDiff.Compare(path1, path2, "strings", ls, rs, context, "strings");
            if (text is not null && name == ".comment")
            {
                text = CommentCauses.Add(text, ls, rs, findings);
            }

            return ("strings", Listed(text), false);
        }

        return (null, [], false);
    }

    private static bool HasStrings(ElfSection section, string name) =>
        name == ".comment" || StringsListing.IsStringTable(section) ||
        name.StartsWith(".rodata", StringComparison.Ordinal) || name.StartsWith(".data", StringComparison.Ordinal);

    private static byte[] LinkedStrings(ElfFile file, ElfSection section)
    {
        var linked = file.Sections[(int)section.Link];
        if (linked.Type != ElfSection.StrTab)
        {
            throw new MalformedInputException($"section {section.Name} links to section {linked.Index} ({linked.Name}), which is not a string table");
        }

        return SectionData.Load(file, linked);
    }

    private static List<Difference> Listed(Difference? difference) => difference is null ? [] : [difference];

    /// <summary>The differing bytes: of the decompressed contents when the section is compressed and small enough, else as stored.</summary>
    private static Difference Bytes(ElfFile a, ElfFile b, ElfSection l, ElfSection r, string path1, string path2, ComparisonContext context, bool decompress)
    {
        IContent cl = Slice(a, l);
        IContent cr = Slice(b, r);
        if (decompress && (SectionData.Compression(l) is not null || SectionData.Compression(r) is not null))
        {
            try
            {
                cl = new MemoryContent(SectionData.Load(a, l));
                cr = new MemoryContent(SectionData.Load(b, r));
            }
            catch (Exception e) when (e is MalformedInputException or LimitExceededException or InvalidDataException or NotSupportedException)
            {
                cl = Slice(a, l);
                cr = Slice(b, r);
            }
        }

        return BinaryComparer.Compare(new Input(path1, cl), new Input(path2, cr), context);
    }

    private static SliceContent Slice(ElfFile file, ElfSection section) =>
        new(file.Content, section.HasBytes ? (long)section.Offset : 0, section.HasBytes ? (long)section.Size : 0);
}
