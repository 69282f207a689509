using Verbatim.Core.Model;

namespace Verbatim.Formats.Engine;

/// <summary>
/// A file format the engine can compare. Formats are listed, most specific first, in <see cref="FormatRegistry"/>;
/// the first one that recognises both inputs compares them. A container format lists its members and hands each
/// pair back to <see cref="ComparisonContext.CompareAsync"/>, so nesting works to any depth.
/// </summary>
public interface IFormat
{
    /// <summary>A short stable name (<c>zip</c>, <c>tar</c>, <c>elf</c>) used in reports.</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="input"/> is in this format, judged by its content (magic bytes).
    /// The name may only choose between formats that share a magic (a nupkg is a zip).</summary>
    bool Recognizes(Input input);

    /// <summary>
    /// Compares two inputs that are not byte-identical. Returns the differences found at this level; an empty list
    /// means the format saw none, and the engine then shows the bytes. Throws <see cref="Core.IO.MalformedInputException"/>
    /// when an input cannot be read as this format.
    /// </summary>
    Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context);
}
