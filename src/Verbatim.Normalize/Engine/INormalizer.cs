using Verbatim.Core.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// One kind of artifact that can be normalized: it recognises its input by magic bytes (and, where the bytes are
/// shared by a family, by name), and writes the normalized form to an output stream, returning what it changed.
/// </summary>
public interface INormalizer
{
    /// <summary>The handler's name as shown in reports (zip, jar, tar, gzip, png, ...).</summary>
    string Name { get; }

    /// <summary>True when <paramref name="head"/> (the first bytes, up to 8 KiB) and <paramref name="name"/> are this handler's format.</summary>
    bool Recognizes(ReadOnlySpan<byte> head, string name);

    /// <summary>
    /// Writes the normalized form of <paramref name="input"/> to <paramref name="output"/> and returns every change
    /// made (empty when the output equals the input). Throws <see cref="MalformedInputException"/> or
    /// <see cref="UnsupportedInputException"/> for input it must leave untouched.
    /// </summary>
    IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context);
}
