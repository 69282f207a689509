using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Bitcode;

/// <summary>
/// LLVM bitcode (raw <c>BC\xC0\xDE</c> or the wrapper <c>0x0B17C0DE</c>), compared as its IR text through Debian's
/// <c>llvm-dis</c> when it is installed; when it is not, the report says so and the bytes are compared. No content
/// causes are read into bitcode or its IR.
/// </summary>
public sealed class BitcodeFormat : IFormat
{
    private readonly string? tool;

    public BitcodeFormat()
        : this(LlvmDis.Path)
    {
    }

    /// <param name="tool">The llvm-dis to run, or null: as if it were not installed.</param>
    internal BitcodeFormat(string? tool) => this.tool = tool;

    public const string NotInstalled = "llvm-dis is not installed (Debian package llvm): LLVM bitcode compared as bytes";

    public string Name => "llvm-bitcode";

    public bool Recognizes(Input input) =>
        input.Head.StartsWith((ReadOnlySpan<byte>)[0x42, 0x43, 0xc0, 0xde]) || input.Head.StartsWith((ReadOnlySpan<byte>)[0xde, 0xc0, 0x17, 0x0b]);

    public async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        if (this.tool is not { } tool)
        {
            return [new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Node, Comments = [NotInstalled] }];
        }

        var l = await LlvmDis.DisassembleAsync(tool, left.Content, context.CancellationToken).ConfigureAwait(false);
        var r = await LlvmDis.DisassembleAsync(tool, right.Content, context.CancellationToken).ConfigureAwait(false);
        var text = TextComparer.Compare(left.Path, right.Path, "LLVM IR (llvm-dis)", l, r, context, Name);
        return text is null ? [] : [text with { Causes = [] }];
    }
}
