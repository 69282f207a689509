using System.Globalization;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Renders a method body as IL text: one instruction a line, tokens resolved to names, string literals quoted,
/// branch targets as labels, then the exception regions. Bounded by <see cref="MaxInstructions"/>.
/// </summary>
internal static class IlDisassembler
{
    private const int MaxInstructions = 20_000;

    public static void Write(StringBuilder text, MethodBodyBlock body, MetadataNames names)
    {
        text.Append(CultureInfo.InvariantCulture, $"  .maxstack {body.MaxStack}\n");
        if (!body.LocalSignature.IsNil)
        {
            var locals = PeErrors.Safe(() => names.StandaloneSignature(body.LocalSignature));
            text.Append("  .locals ").Append(body.LocalVariablesInitialized ? "init " : "").Append(locals).Append('\n');
        }

        var il = body.GetILReader();
        var count = 0;
        while (il.RemainingBytes > 0)
        {
            if (++count > MaxInstructions)
            {
                text.Append(CultureInfo.InvariantCulture, $"  <{il.RemainingBytes} more bytes of IL not shown>\n");
                break;
            }

            var offset = il.Offset;
            var first = il.ReadByte();
            byte? second = first == 0xFE && il.RemainingBytes > 0 ? il.ReadByte() : null;
            var code = OpCodeTable.Find(first, second);
            text.Append(CultureInfo.InvariantCulture, $"  IL_{offset:x4}: ");
            if (code is not { } op)
            {
                text.Append(CultureInfo.InvariantCulture, $"<unknown opcode 0x{first:x2}{(second is { } s ? s.ToString("x2", CultureInfo.InvariantCulture) : "")}>\n");
                continue;
            }

            text.Append(op.Name);
            if (op.OperandType == OperandType.InlineSwitch)
            {
                if (il.RemainingBytes < 4)
                {
                    text.Append(" <truncated>\n");
                    break;
                }

                var n = il.ReadUInt32();
                if (n > il.RemainingBytes / 4)
                {
                    text.Append(" <truncated>\n");
                    break;
                }

                var targets = new int[n];
                for (var i = 0; i < n; i++)
                {
                    targets[i] = il.ReadInt32();
                }

                var next = il.Offset;
                text.Append(" (").AppendJoin(", ", targets.Select(t => Label(next + t))).Append(")\n");
                continue;
            }

            if (il.RemainingBytes < OpCodeTable.OperandSize(op))
            {
                text.Append(" <truncated>\n");
                break;
            }

            text.Append(Operand(ref il, op, names)).Append('\n');
        }

        foreach (var region in body.ExceptionRegions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  .try {Label(region.TryOffset)} to {Label(region.TryOffset + region.TryLength)} {region.Kind.ToString().ToLowerInvariant()}");
            if (region.Kind == ExceptionRegionKind.Catch)
            {
                text.Append(' ').Append(names.Type(region.CatchType));
            }
            else if (region.Kind == ExceptionRegionKind.Filter)
            {
                text.Append(' ').Append(Label(region.FilterOffset));
            }

            text.Append(CultureInfo.InvariantCulture, $" handler {Label(region.HandlerOffset)} to {Label(region.HandlerOffset + region.HandlerLength)}\n");
        }
    }

    private static string Operand(ref BlobReader il, OpCode op, MetadataNames names)
    {
        switch (op.OperandType)
        {
            case OperandType.InlineNone:
                return "";
            case OperandType.ShortInlineBrTarget:
                var shortDelta = il.ReadSByte();
                return " " + Label(il.Offset + shortDelta);
            case OperandType.InlineBrTarget:
                var delta = il.ReadInt32();
                return " " + Label(il.Offset + delta);
            case OperandType.ShortInlineI:
                return " " + (op == OpCodes.Ldc_I4_S ? il.ReadSByte().ToString(CultureInfo.InvariantCulture) : il.ReadByte().ToString(CultureInfo.InvariantCulture));
            case OperandType.ShortInlineVar:
                return " " + il.ReadByte().ToString(CultureInfo.InvariantCulture);
            case OperandType.InlineVar:
                return " " + il.ReadUInt16().ToString(CultureInfo.InvariantCulture);
            case OperandType.InlineI:
                return " " + il.ReadInt32().ToString(CultureInfo.InvariantCulture);
            case OperandType.InlineI8:
                return " " + il.ReadInt64().ToString(CultureInfo.InvariantCulture);
            case OperandType.ShortInlineR:
                return " " + il.ReadSingle().ToString("R", CultureInfo.InvariantCulture);
            case OperandType.InlineR:
                return " " + il.ReadDouble().ToString("R", CultureInfo.InvariantCulture);
            case OperandType.InlineString:
                return " " + names.UserString(il.ReadInt32());
            default:
                return " " + names.Token(il.ReadInt32());
        }
    }

    private static string Label(int offset) => "IL_" + offset.ToString("x4", CultureInfo.InvariantCulture);
}
