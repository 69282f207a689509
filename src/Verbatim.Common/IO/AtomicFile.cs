namespace Verbatim.Common.IO;

/// <summary>
/// A file written through a temporary file beside it: <see cref="Commit"/> flushes it to disk and renames it over
/// the target, so an interrupted run never leaves a half-written target; <see cref="Abandon"/> deletes it.
/// </summary>
public sealed class AtomicFile
{
    private readonly string target;
    private readonly string temporary;
    private readonly FileStream stream;

    private AtomicFile(string target, string temporary, FileStream stream)
    {
        this.target = target;
        this.temporary = temporary;
        this.stream = stream;
    }

    public Stream Stream => stream;

    public static AtomicFile Create(string target)
    {
        var directory = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return new AtomicFile(target, temporary, stream);
    }

    /// <summary>
    /// Syncs the temporary file, gives it the permissions of the target (or, for a new target, of
    /// <paramref name="modeFrom"/> when given and present), and renames it over the target.
    /// </summary>
    public void Commit(string? modeFrom = null)
    {
        try
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            var modeSource = File.Exists(target) ? target : modeFrom is not null && File.Exists(modeFrom) ? modeFrom : null;
            if (!OperatingSystem.IsWindows() && modeSource is not null)
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(modeSource));
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public void Abandon()
    {
        stream.Dispose();
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
        }
    }
}
