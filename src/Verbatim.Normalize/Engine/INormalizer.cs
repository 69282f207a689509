using Verbatim.Core.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// One kind of artifact that can be normalized: it recognises its input by content (magic bytes; for the zip family,
/// its entries, then its name, as diff does), and writes the normalized form to an output stream, returning what it changed.
/// </summary>
public interface INormalizer
{
    /// <summary>The handler's name as shown in reports (zip, jar, tar, gzip, png, ...).</summary>
    string Name { get; }

    /// <summary>True when <paramref name="input"/> is this handler's format.</summary>
    bool Recognizes(NormalizeInput input);

    /// <summary>
    /// Writes the normalized form of <paramref name="input"/> to <paramref name="output"/> and returns every change
    /// made (empty when the output equals the input). Throws <see cref="MalformedInputException"/> or
    /// <see cref="UnsupportedInputException"/> for input it must leave untouched.
    /// </summary>
    IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context);
}
