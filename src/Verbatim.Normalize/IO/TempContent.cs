using Verbatim.Core.IO;

namespace Verbatim.Normalize.IO;

/// <summary>An unnamed temporary file being written, then read back (many times) as content. Disposing deletes it.</summary>
public sealed class TempContent : IContent, IDisposable
{
    private readonly FileStream file;

    public TempContent(TempArea temp) => file = temp.CreateFile();

    /// <summary>The stream to write the content to, before it is read.</summary>
    public Stream Writer => file;

    public long Length => file.Length;

    public Stream Open()
    {
        file.Flush();
        return new HandleStream(file.SafeFileHandle, file.Length);
    }

    public void Dispose() => file.Dispose();
}
