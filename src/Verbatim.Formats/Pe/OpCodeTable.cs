using System.Reflection;
using System.Reflection.Emit;

namespace Verbatim.Formats.Pe;

/// <summary>The IL opcodes by their encoding, built once from <see cref="OpCodes"/>.</summary>
internal static class OpCodeTable
{
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    static OpCodeTable()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode code)
            {
                continue;
            }

            var value = (ushort)code.Value;
            if (code.Size == 2 && value >> 8 == 0xFE)
            {
                TwoByte[value & 0xFF] = code;
            }
            else if (code.Size == 1)
            {
                OneByte[value & 0xFF] = code;
            }
        }
    }

    /// <summary>The opcode for a first byte, or for 0xFE and a second byte; null when undefined.</summary>
    public static OpCode? Find(byte first, byte? second = null) => second is { } s ? TwoByte[s] : OneByte[first];

    /// <summary>The size in bytes of the operand of <paramref name="code"/>, except for switch (variable).</summary>
    public static int OperandSize(OpCode code) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
