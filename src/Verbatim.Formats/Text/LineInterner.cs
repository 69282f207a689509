using System.Numerics;

namespace Verbatim.Formats.Text;

/// <summary>
/// Numbers distinct lines densely from 0, in order of first appearance, so that a diff compares integers. An
/// open-addressing table sized for all the lines up front, each slot holding a line's hash and number; lines are
/// compared in place, never copied.
/// </summary>
internal sealed class LineInterner
{
    private readonly ulong[] slots;
    private readonly (string Text, int Start, int Length)[] lines;

    /// <param name="capacity">The number of lines that will be interned, at most.</param>
    public LineInterner(int capacity)
    {
        slots = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2))];
        lines = new (string, int, int)[capacity];
    }

    /// <summary>How many distinct lines have been numbered.</summary>
    public int Count { get; private set; }

    public int[] Intern(TextLines text)
    {
        var result = new int[text.Count];
        var mask = slots.Length - 1;
        for (var i = 0; i < result.Length; i++)
        {
            var line = text[i];
            var hash = (uint)string.GetHashCode(line);
            var slot = (int)(hash & (uint)mask);
            while (true)
            {
                var entry = slots[slot];
                if (entry == 0)
                {
                    var id = Count++;
                    lines[id] = (text.Text, text.Start(i), line.Length);
                    slots[slot] = ((ulong)hash << 32) | (uint)(id + 1);
                    result[i] = id;
                    break;
                }

                var candidate = (int)(uint)entry - 1;
                if ((uint)(entry >> 32) == hash && Span(lines[candidate]).SequenceEqual(line))
                {
                    result[i] = candidate;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        return result;
    }

    private static ReadOnlySpan<char> Span((string Text, int Start, int Length) line) => line.Text.AsSpan(line.Start, line.Length);
}
