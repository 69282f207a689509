namespace Verbatim.Formats.Text;

/// <summary>One change: <see cref="CountA"/> lines of the first text from <see cref="StartA"/> replaced by <see cref="CountB"/> lines of the second from <see cref="StartB"/>.</summary>
internal readonly record struct DiffBlock(int StartA, int CountA, int StartB, int CountB);
