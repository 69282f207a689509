namespace Verbatim.Formats.Text;

/// <summary>
/// The lines of a text as ranges of it (no copies): split at CRLF, CR or LF, so that line endings alone never make
/// lines differ. The line ending itself is not part of a line.
/// </summary>
internal sealed class TextLines
{
    private readonly int[] starts;
    private readonly int[] lengths;

    /// <param name="text">The text; every line break starts a new line, so "a\n" has the lines "a" and "".</param>
    /// <param name="length">How much of <paramref name="text"/> to split (a final line break can be left out).</param>
    /// <param name="empty">True for a text of no lines at all (the caller decides when "" means that).</param>
    public TextLines(string text, int length, bool empty = false)
    {
        Text = text;
        var span = text.AsSpan(0, length);
        var most = empty ? 0 : span.Count('\n') + span.Count('\r') + 1;
        starts = new int[most];
        lengths = new int[most];
        if (empty)
        {
            return;
        }

        var start = 0;
        while (true)
        {
            var at = span[start..].IndexOfAny('\r', '\n');
            starts[Count] = start;
            if (at < 0)
            {
                lengths[Count++] = length - start;
                return;
            }

            lengths[Count++] = at;
            start += at + (span[start + at] == '\r' && start + at + 1 < span.Length && span[start + at + 1] == '\n' ? 2 : 1);
        }
    }

    public string Text { get; }

    public int Count { get; }

    public ReadOnlySpan<char> this[int index] => Text.AsSpan(starts[index], lengths[index]);

    public int Start(int index) => starts[index];

    public string Line(int index) => Text.Substring(starts[index], lengths[index]);
}
