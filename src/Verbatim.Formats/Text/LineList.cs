using System.Collections;

namespace Verbatim.Formats.Text;

/// <summary>Some lines of a text, by number; each is copied out of the text only when read.</summary>
internal sealed class LineList(TextLines lines) : IReadOnlyList<string>
{
    private readonly List<int> indexes = [];

    public int Count => indexes.Count;

    public string this[int index] => lines.Line(indexes[index]);

    public void Add(int line) => indexes.Add(line);

    public IEnumerator<string> GetEnumerator() => indexes.Select(lines.Line).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
