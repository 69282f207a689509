using System.Globalization;
using System.Runtime.InteropServices;

namespace Verbatim.Common.IO;

/// <summary>
/// A file written through a temporary file beside it: <see cref="Commit"/> flushes it to disk and renames it over
/// the target, so an interrupted run never leaves a half-written target; <see cref="Abandon"/> deletes it. A run that
/// was killed leaves its temporary (<c>.NAME.PID.GUID.tmp</c>) behind; <see cref="Create"/> removes those of the same
/// target whose process is gone.
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
        RemoveStale(directory, Path.GetFileName(target));
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

    /// <summary>Deletes <c>.NAME.PID.GUID.tmp</c> files in <paramref name="directory"/> whose PID is no longer alive.</summary>
    private static void RemoveStale(string directory, string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
            {
                if (TemporaryPid(Path.GetFileName(file), name) is { } pid && pid != Environment.ProcessId && !ProcessExists(pid))
                {
                    try
                    {
                        File.Delete(file);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The PID in <c>.NAME.PID.GUID.tmp</c> (32 hex digits), or null for any other name.</summary>
    internal static int? TemporaryPid(string fileName, string name)
    {
        var prefix = $".{name}.";
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(".tmp", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = fileName[prefix.Length..^4].Split('.');
        return parts.Length == 2 && parts[1].Length == 32 && parts[1].All(Uri.IsHexDigit) &&
               int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;
    }

    private static bool ProcessExists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != 3; // ESRCH

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
