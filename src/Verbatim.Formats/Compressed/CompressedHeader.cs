namespace Verbatim.Formats.Compressed;

/// <summary>What a compressed container's header says: its readable fields, and how many leading bytes it takes.</summary>
/// <param name="Fields">The header fields, in the order they are reported.</param>
/// <param name="Length">The length of the leading header; the bytes after it are the compressed body.</param>
public sealed record CompressedHeader(IReadOnlyList<HeaderField> Fields, long Length);
