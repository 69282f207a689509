using Verbatim.Core.IO;

namespace Verbatim.Formats.Engine;

/// <summary>One side of a comparison: a file, or a member of a container, with its display path.</summary>
public sealed class Input
{
    public const int HeadSize = 8192;

    private byte[]? head;

    public Input(string path, IContent content)
    {
        Path = path;
        Content = content;
    }

    /// <summary>Where this input sits, for people: the top-level path, then member names joined by <c>::</c>.</summary>
    public string Path { get; }

    public IContent Content { get; }

    public long Length => Content.Length;

    /// <summary>The first bytes (up to <see cref="HeadSize"/>), for recognising the format by its magic.</summary>
    public ReadOnlySpan<byte> Head
    {
        get
        {
            if (head is null)
            {
                var buffer = new byte[(int)Math.Min(HeadSize, Length)];
                using var stream = Open();
                stream.ReadExactly(buffer);
                head = buffer;
            }

            return head;
        }
    }

    /// <summary>The last component of <see cref="Path"/>, used as a hint only (never as a file-system path).</summary>
    public string Name
    {
        get
        {
            var i = Path.LastIndexOf("::", StringComparison.Ordinal);
            var last = i < 0 ? System.IO.Path.GetFileName(Path) : Path[(i + 2)..];
            var slash = last.LastIndexOf('/');
            return slash < 0 ? last : last[(slash + 1)..];
        }
    }

    public Stream Open() => Content.Open();

    /// <summary>An input for a member of this one (a file in an archive, a decompressed stream).</summary>
    public Input Member(string memberName, IContent content) => new($"{Path}::{memberName}", content);
}
