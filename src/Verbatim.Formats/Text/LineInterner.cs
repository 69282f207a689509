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
    private readonly string[] texts;
    private readonly int[] starts;
    private readonly int[] lengths;

    /// <param name="capacity">The number of lines that will be interned, at most.</param>
    public LineInterner(int capacity)
    {
        slots = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2))];
        texts = new string[capacity];
        starts = new int[capacity];
        lengths = new int[capacity];
    }

    /// <summary>How many distinct lines have been numbered.</summary>
    public int Count { get; private set; }

    public int[] Intern(TextLines lines)
    {
        var result = new int[lines.Count];
        var mask = slots.Length - 1;
        for (var i = 0; i < result.Length; i++)
        {
            var line = lines[i];
            var hash = (uint)string.GetHashCode(line);
            var slot = (int)(hash & (uint)mask);
            while (true)
            {
                var entry = slots[slot];
                if (entry == 0)
                {
                    var id = Count++;
                    texts[id] = lines.Text;
                    starts[id] = lines.Start(i);
                    lengths[id] = line.Length;
                    slots[slot] = ((ulong)hash << 32) | (uint)(id + 1);
                    result[i] = id;
                    break;
                }

                var candidate = (int)(uint)entry - 1;
                if ((uint)(entry >> 32) == hash && texts[candidate].AsSpan(starts[candidate], lengths[candidate]).SequenceEqual(line))
                {
                    result[i] = candidate;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        return result;
    }
}
