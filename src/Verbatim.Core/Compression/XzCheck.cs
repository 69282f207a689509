namespace Verbatim.Core.Compression;

/// <summary>The integrity check an .xz stream carries (liblzma's <c>lzma_check</c> values).</summary>
public enum XzCheck
{
    None = 0,
    Crc32 = 1,
    Crc64 = 4,
    Sha256 = 10,
}
