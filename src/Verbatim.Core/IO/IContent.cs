namespace Verbatim.Core.IO;

/// <summary>Bytes that can be opened, possibly many times, as a seekable read-only stream.</summary>
public interface IContent
{
    long Length { get; }

    /// <summary>Opens a new seekable, read-only stream positioned at 0. The caller disposes it.</summary>
    Stream Open();
}
