namespace Verbatim.Core.IO;

/// <summary>
/// A private temporary directory (mode 0700) for spooled member contents. Files in it are named by a counter,
/// never by a member's name, and the whole directory is removed when the area is disposed.
/// </summary>
public sealed class TempArea : IDisposable
{
    private long counter;

    private TempArea(string path) => Path = path;

    public string Path { get; }

    public static TempArea Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"verbatim-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var info = Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        return new TempArea(root);
    }

    /// <summary>Creates a new empty file that is deleted when its stream is closed.</summary>
    public FileStream CreateFile()
    {
        var name = System.IO.Path.Combine(Path, $"{Interlocked.Increment(ref counter):x8}.spool");
        return new FileStream(name, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A spool still open on another thread: its DeleteOnClose removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
