namespace Verbatim.Normalize.IO;

/// <summary>Orders raw names byte by byte (unsigned), the canonical member order.</summary>
internal sealed class ByteOrder : IComparer<byte[]>
{
    public static ByteOrder Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
