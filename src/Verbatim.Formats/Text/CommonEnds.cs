namespace Verbatim.Formats.Text;

/// <summary>Narrows a region of two line sequences to what lies between their common prefix and common suffix.</summary>
internal static class CommonEnds
{
    public static void Trim(int[] a, int[] b, ref int aLo, ref int aHi, ref int bLo, ref int bHi)
    {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo])
        {
            aLo++;
            bLo++;
        }

        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1])
        {
            aHi--;
            bHi--;
        }
    }
}
