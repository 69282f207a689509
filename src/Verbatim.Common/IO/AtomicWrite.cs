namespace Verbatim.Common.IO;

/// <summary>Whole files written through <see cref="AtomicFile"/>: the target is either the old file or the complete new one, never half of it.</summary>
public static class AtomicWrite
{
    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/>, atomically: on any failure the target is left as it was.</summary>
    public static void Stream(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = AtomicFile.Create(Path.GetFullPath(path));
        try
        {
            write(file.Stream);
        }
        catch
        {
            file.Abandon();
            throw;
        }

        file.Commit();
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file beside it, renamed into place.</summary>
    public static void Bytes(string path, ReadOnlySpan<byte> bytes)
    {
        var file = AtomicFile.Create(Path.GetFullPath(path));
        try
        {
            file.Stream.Write(bytes);
        }
        catch
        {
            file.Abandon();
            throw;
        }

        file.Commit();
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte order mark) to <paramref name="path"/>, atomically.</summary>
    public static void Text(string path, string text) => Bytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
