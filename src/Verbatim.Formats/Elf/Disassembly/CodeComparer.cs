using System.Globalization;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Elf.Disassembly;

/// <summary>
/// Compares two x86 code sections (<c>.text</c>, <c>.plt</c>, <c>.init</c> …) as instructions, function by function
/// (paired by symbol name): a function whose instructions read the same is not shown, a changed one is a line diff
/// of its instructions, one found on one side only is added or removed. No content causes are looked for in code:
/// its bytes are instructions, not times or paths.
/// </summary>
internal static class CodeComparer
{
    /// <summary>Larger functions (or stripped sections) are compared as bytes.</summary>
    public const ulong MaxChunkBytes = 16 << 20;

    private const ulong ExecInstr = 0x4;
    private const ushort X86 = 3;
    private const ushort X86_64 = 62;

    public const string Format = "x86 disassembly";

    public static bool Applies(ElfFile a, ElfFile b, ElfSection l, ElfSection r) =>
        a.Header.Machine == b.Header.Machine && a.Header.Machine is X86 or X86_64 &&
        l.Type == ElfSection.ProgBits && r.Type == ElfSection.ProgBits && (l.Flags & ExecInstr) != 0 && (r.Flags & ExecInstr) != 0 &&
        !l.IsCompressed && !r.IsCompressed && l.HasBytes && r.HasBytes;

    /// <summary>A node with the comments (how many functions read the same) and the differing functions as children.</summary>
    public static Difference Compare(ElfFile a, ElfFile b, ElfSection l, ElfSection r, string path1, string path2, ComparisonContext context)
    {
        var token = context.CancellationToken;
        var left = Side.Open(a, l, token);
        var right = Side.Open(b, r, token);
        if (left.Chunks.Concat(right.Chunks).Any(c => c.End - c.Start > MaxChunkBytes))
        {
            throw new NotSupportedException($"a function or section of more than {MaxChunkBytes >> 20} MiB is not disassembled");
        }

        var differences = new List<Difference>();
        var rightByKey = right.Keyed().ToDictionary(k => k.Key, k => k.Chunk, StringComparer.Ordinal);
        var leftKeys = new HashSet<string>(StringComparer.Ordinal);
        int same = 0, omitted = 0;
        foreach (var (key, chunk) in left.Keyed())
        {
            token.ThrowIfCancellationRequested();
            leftKeys.Add(key);
            if (!rightByKey.TryGetValue(key, out var other))
            {
                var (text, padding) = left.Render(chunk, token);
                if (!padding)
                {
                    differences.Add(OneSide(DifferenceKind.Removed, path1, key, chunk, text));
                }

                continue;
            }

            var (lt, lp) = left.Render(chunk, token);
            var (rt, rp) = right.Render(other, token);
            if (string.Equals(lt, rt, StringComparison.Ordinal) || (lp && rp))
            {
                same++;
                continue;
            }

            if (context.Report.Exhausted)
            {
                omitted++;
                continue;
            }

            if (TextComparer.Compare(path1, path2, Label(key), lt, rt, context, Format) is { } diff)
            {
                // Instructions are not text to look for times or paths in.
                differences.Add(diff with { Causes = [] });
            }
        }

        foreach (var (key, chunk) in right.Keyed().Where(k => !leftKeys.Contains(k.Key)))
        {
            var (text, padding) = right.Render(chunk, token);
            if (!padding)
            {
                differences.Add(OneSide(DifferenceKind.Added, path2, key, chunk, text));
            }
        }

        var comments = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{left.Chunks.Count} and {right.Chunks.Count} functions or code ranges; {same} read the same{(left.Symbolized ? "" : " (no function symbols: the section is one range)")}"),
        };
        if (omitted > 0)
        {
            comments.Add($"{omitted} more changed functions are not shown: the report reached its size limit (--max-report-size)");
        }

        if (differences.Count == 0 && omitted == 0)
        {
            comments.Add("every function's instructions read the same: only the addresses they refer to differ (code or data before them moved)");
        }

        return new Difference { Path1 = path1, Path2 = path2, Kind = DifferenceKind.Node, Format = Format, Comments = comments, Children = differences };
    }

    private static string Label(string key) => key.StartsWith('(') ? $"instructions {key}" : $"function {key}";

    private static Difference OneSide(DifferenceKind kind, string path, string key, CodeChunk chunk, string text)
    {
        var lines = text.Count(c => c == '\n');
        var what = string.Create(CultureInfo.InvariantCulture, $"function, {chunk.End - chunk.Start} bytes, {lines} instructions");
        return new Difference
        {
            Path1 = kind == DifferenceKind.Removed ? path + "::" + key : "",
            Path2 = kind == DifferenceKind.Added ? path + "::" + key : "",
            Kind = kind,
            Format = Format,
            Left = kind == DifferenceKind.Removed ? what : null,
            Right = kind == DifferenceKind.Added ? what : null,
        };
    }

    /// <summary>One side's section: its bytes, its functions, and the names for the addresses its code refers to.</summary>
    private sealed class Side(byte[] bytes, ElfSection section, List<CodeChunk> chunks, InstructionText text, bool symbolized)
    {
        public List<CodeChunk> Chunks { get; } = chunks;

        public bool Symbolized { get; } = symbolized;

        public static Side Open(ElfFile file, ElfSection section, CancellationToken token)
        {
            var bytes = SectionData.Load(file, section);
            var symbols = ElfSymbols.Best(file, token);
            var chunks = FunctionChunks.Split(section, symbols);
            var named = symbols
                .Where(s => s.Type is ElfSymbol.Function or ElfSymbol.Object && s.SectionIndex is > 0 and < 0xff00 && s.Name.Length > 0)
                .Select(s => (s.Value, s.Value + s.Size, s.Name))
                .Concat(PltNames.Read(file, token));
            var sections = file.Sections.Where(s => (s.Flags & 0x2) != 0 && s.Size > 0 && s.Name.Length > 0).Select(s => (s.Address, s.Address + s.Size, s.Name));
            var names = new AddressNames(named, sections);
            var bitness = file.Header.Machine == X86_64 ? 64 : 32;
            return new Side(bytes, section, chunks, new InstructionText(names, bitness), chunks.Any(c => !c.Name.StartsWith('(')));
        }

        public (string Text, bool Padding) Render(CodeChunk chunk, CancellationToken token) => text.Render(bytes, section.Address, chunk, token);

        /// <summary>Each chunk with a key unique on this side: its name, numbered from the second of a name on.</summary>
        public IEnumerable<(string Key, CodeChunk Chunk)> Keyed()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var chunk in Chunks)
            {
                var n = seen[chunk.Name] = seen.GetValueOrDefault(chunk.Name) + 1;
                yield return (n == 1 ? chunk.Name : $"{chunk.Name} (#{n})", chunk);
            }
        }
    }
}
