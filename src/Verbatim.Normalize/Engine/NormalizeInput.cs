using Verbatim.Archives.Zip;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// What a handler looks at to recognise an input: its first bytes, its name (a hint only), and, when the whole input
/// is at hand, its content, through which a zip is classified exactly as diff classifies it (<see cref="ZipProbe"/>).
/// </summary>
public sealed class NormalizeInput
{
    private readonly byte[] head;
    private readonly IContent? content;
    private ZipProbe? zip;

    /// <param name="head">The first bytes (up to <see cref="NormalizerRegistry.HeadBytes"/>).</param>
    /// <param name="name">The file or member name.</param>
    /// <param name="content">The whole input, or null when only its start is known (is it worth spooling?).</param>
    public NormalizeInput(byte[] head, string name, IContent? content)
    {
        this.head = head;
        this.content = content;
        Name = name;
    }

    public ReadOnlySpan<byte> Head => head;

    public string Name { get; }

    /// <summary>The zip probe of the whole input (made once), or null when only the head is known.</summary>
    public ZipProbe? Zip => content is null ? null : zip ??= new ZipProbe(content, Name, head);
}
