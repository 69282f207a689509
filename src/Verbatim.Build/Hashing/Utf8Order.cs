using System.Text;

namespace Verbatim.Build.Hashing;

/// <summary>Orders strings by their UTF-8 bytes (the same order on every machine and locale).</summary>
public sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y) =>
        ((ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(x ?? "")).SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
}
