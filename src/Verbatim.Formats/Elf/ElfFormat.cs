using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Elf;

/// <summary>
/// ELF objects, executables, shared libraries and debug files (32/64-bit, either byte order), read by our own reader:
/// header, program headers, section table, and the decoded contents of differing sections, with the causes found.
/// </summary>
public sealed class ElfFormat : IFormat
{
    public string Name => "elf";

    public bool Recognizes(Input input) => input.Head.StartsWith((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F']);

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context) =>
        Task.FromResult(ElfComparison.Compare(left, right, context));
}
