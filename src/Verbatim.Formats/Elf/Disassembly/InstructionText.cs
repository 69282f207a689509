using System.Text;
using Iced.Intel;

namespace Verbatim.Formats.Elf.Disassembly;

/// <summary>
/// One chunk of machine code as AT&amp;T-syntax instructions (as objdump writes them), one a line, without addresses or
/// encodings so that code that only moved reads the same; referenced addresses are named by <see cref="AddressNames"/>.
/// </summary>
internal sealed class InstructionText
{
    private readonly GasFormatter formatter;
    private readonly AddressNames names;
    private readonly int bitness;
    private readonly StringOutput output = new();

    public InstructionText(AddressNames names, int bitness)
    {
        this.names = names;
        this.bitness = bitness;
        formatter = new GasFormatter(names);
        formatter.Options.FirstOperandCharIndex = 7;
        formatter.Options.RipRelativeAddresses = false;
        formatter.Options.ShowSymbolAddress = false;
        formatter.Options.UppercaseHex = false;
    }

    /// <summary>The instructions of <paramref name="chunk"/>, and whether they are only padding (nop, int3).</summary>
    public (string Text, bool Padding) Render(byte[] section, ulong sectionAddress, CodeChunk chunk, CancellationToken cancellationToken)
    {
        var offset = (int)(chunk.Start - sectionAddress);
        var length = (int)(chunk.End - chunk.Start);
        var reader = new ByteArrayCodeReader(section, offset, length);
        var decoder = Iced.Intel.Decoder.Create(bitness, reader, chunk.Start, DecoderOptions.None);
        names.Current = (chunk.Start, chunk.End);
        var text = new StringBuilder();
        var padding = true;
        var count = 0;
        while (reader.CanReadByte)
        {
            if ((++count & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            decoder.Decode(out var instruction);
            if (instruction.IsInvalid)
            {
                text.Append("(bad)\n");
                padding = false;
                continue;
            }

            padding &= instruction.Mnemonic is Mnemonic.Nop or Mnemonic.Int3;
            formatter.Format(instruction, output);
            text.Append(output.ToStringAndReset()).Append('\n');
        }

        return (text.ToString(), padding);
    }
}
